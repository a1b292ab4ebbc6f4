package io.kpbench.proxy.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.net.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * The IPv6 forms of the kernel hashes, against known answers computed with the lookup3 code of Linux
 * {@code include/linux/jhash.h} on an x86 (little-endian) host.
 */
class IpvsHashTest {
    private static int jhash(String ip, int rnd) {
        IpAddress a = IpAddress.parse(ip);
        return IpvsHash.jhash16(a.hi(), a.lo(), rnd);
    }

    @Test
    void jhashOfSixteenAddressBytesMatchesTheKernelLookup3() {
        assertEquals(0x9440e428, jhash("2001:db8::1:1", 0));
        assertEquals(0xf832bf2d, jhash("fd00:10::5", 0));
        assertEquals(0xd3fe2887, jhash("1002:ab8::2:10", 0));
        assertEquals(0x61ed7f3d, jhash("2001:db8::1:1", 0x12345678));
        assertEquals(0x3d7b4d89, jhash("fd00:10::5", 0x12345678));
        assertEquals(0x755936fa, jhash("1002:ab8::2:10", 0x12345678));
    }

    @Test
    void connectionHashOfAnIpv6ClientIsJhash3OfTheAddressHashRawPortAndProtocol() {
        IpAddress a = IpAddress.parse("2001:db8::1:1");
        assertEquals(0xe58408fe & 4095, IpvsHash.conn6(6, a.hi(), a.lo(), 40000, 0, 4095));
        IpAddress b = IpAddress.parse("1002:ab8::2:10");
        assertEquals(0xfd6f020e & 4095, IpvsHash.conn6(6, b.hi(), b.lo(), 40000, 0x12345678, 4095));
    }

    @Test
    void theFoldXorsTheFourHostOrderWordsOfTheAddress() {
        IpAddress a = IpAddress.parse("2001:db8:1:2:3:4:5:6");
        assertEquals(0x20010db8 ^ 0x00010002 ^ 0x00030004 ^ 0x00050006, IpvsHash.fold(a.hi(), a.lo()));
        IpAddress lo = IpAddress.parse("::1");
        assertEquals(1, IpvsHash.fold(lo.hi(), lo.lo()));
    }
}
