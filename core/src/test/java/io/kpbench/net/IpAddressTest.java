package io.kpbench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @Test
    void leadingZerosInIpv4OctetsAreReadAsDecimalAndNormalised() {
        assertEquals("172.30.0.41", IpAddress.parse("172.30.0.041").toString());
        assertEquals("10.0.0.8", IpAddress.parse("010.000.000.008").toString());
    }

    @Test
    void whitespaceAroundAnAddressIsIgnored() {
        assertEquals(IpAddress.parse("10.0.0.1"), IpAddress.parse("  10.0.0.1 "));
    }

    @Test
    void ipv6IsFormattedInRfc5952Form() {
        assertEquals("2001:db8::1", IpAddress.parse("2001:0DB8:0000:0000:0000:0000:0000:0001").toString());
        assertEquals("fd00::", IpAddress.parse("fd00:0:0:0:0:0:0:0").toString());
        assertEquals("::", IpAddress.parse("::").toString());
        assertEquals("::1", IpAddress.parse("::1").toString());
        assertEquals("2001:db8:0:1:1:1:1:1", IpAddress.parse("2001:db8:0:1:1:1:1:1").toString());
        assertEquals("2001:0:0:1::1", IpAddress.parse("2001:0:0:1:0:0:0:1").toString());
    }

    @Test
    void ipv4MappedIpv6IsTreatedAsIpv4AsGoDoes() {
        IpAddress ip = IpAddress.parse("::ffff:10.1.2.3");
        assertTrue(ip.isV4());
        assertEquals("10.1.2.3", ip.toString());
    }

    @Test
    void familiesAreDistinguished() {
        assertEquals(IpFamily.IPv4, IpAddress.parse("1.2.3.4").family());
        assertEquals(IpFamily.IPv6, IpAddress.parse("fd00::5").family());
        assertTrue(IpAddress.parse("127.0.0.9").isLoopback());
        assertTrue(IpAddress.parse("::1").isLoopback());
        assertFalse(IpAddress.parse("::2").isLoopback());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/24", "abc", "1..2.3", "1.2.3.",
        "1:2:3:4:5:6:7:8:9", "1::2::3", ":1:2", "12345::", "1:2:3:4:5:6:7:", "::1.2.3", "g::1", "1.2.3.0004"})
    void malformedAddressesAreRejected(String text) {
        assertNull(IpAddress.tryParse(text));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
    }

    @Property
    void ipv4RoundTripsThroughTextAndAgreesWithTheJdk(@ForAll int v4) throws Exception {
        IpAddress ip = IpAddress.ofV4(v4);
        assertEquals(ip, IpAddress.parse(ip.toString()));
        assertEquals(InetAddress.getByName(ip.toString()).getHostAddress(), ip.toString());
    }

    @Property
    void ipv6RoundTripsThroughTextAndAgreesWithTheJdk(@ForAll long hi, @ForAll long lo) throws Exception {
        IpAddress ip = new IpAddress(hi | 1L << 62, lo);
        assertEquals(ip, IpAddress.parse(ip.toString()));
        byte[] b = InetAddress.getByName(ip.toString()).getAddress();
        long jh = 0;
        long jl = 0;
        for (int i = 0; i < 8; i++) {
            jh = jh << 8 | (b[i] & 0xFF);
            jl = jl << 8 | (b[i + 8] & 0xFF);
        }
        assertEquals(ip, new IpAddress(jh, jl));
    }
}
