package io.kpbench.proxy.ipvs.kernel;

import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The control plane's 32-bit names for the addresses one proxier programs, so that virtual-server keys,
 * real servers and ipset entries pack into longs for either family: an IPv4 address names itself (its packed
 * int), an IPv6 address gets a small id on first use and keeps it for the book's life.
 *
 * <p>Only the control plane (sync, render, explain) goes through the book. The kernel tables copy each IPv6
 * address's two longs and its {@link IpvsHash#fold} into their own arrays when an entry is added, so the packet
 * path compares and hashes real addresses, as the kernel does, and never probes the book. Ids are not reused:
 * the book grows with the distinct IPv6 addresses a proxier has ever named (VIPs, node IPs, endpoints, source
 * range bases), 24 bytes each.
 */
public final class AddressBook {
    private static final long V4_MAPPED = 0x0000_FFFF_0000_0000L;
    private final boolean v6;
    private final Map<IpAddress, Integer> ids = new HashMap<>();
    private final List<IpAddress> addresses = new ArrayList<>();
    private long[] hi = new long[16];
    private long[] lo = new long[16];

    /** An empty book for the addresses of {@code family}. */
    public AddressBook(IpFamily family) {
        this.v6 = family == IpFamily.IPv6;
    }

    /** True for an IPv6 proxier's book. */
    public boolean v6() {
        return v6;
    }

    /** The family of this book. */
    public IpFamily family() {
        return v6 ? IpFamily.IPv6 : IpFamily.IPv4;
    }

    /** The id of {@code ip}: its packed int for IPv4, a stable small id for IPv6. */
    public int id(IpAddress ip) {
        if (!v6) {
            return ip.v4();
        }
        Integer id = ids.get(ip);
        if (id != null) {
            return id;
        }
        int n = addresses.size();
        addresses.add(ip);
        if (n == hi.length) {
            hi = java.util.Arrays.copyOf(hi, n * 2);
            lo = java.util.Arrays.copyOf(lo, n * 2);
        }
        hi[n] = ip.hi();
        lo[n] = ip.lo();
        ids.put(ip, n);
        return n;
    }

    /** The address named {@code id}. */
    public IpAddress address(int id) {
        return v6 ? addresses.get(id) : IpAddress.ofV4(id);
    }

    /** The upper 64 bits of the address named {@code id} (0 for IPv4, as {@link IpAddress#hi} gives). */
    public long hi(int id) {
        return v6 ? hi[id] : 0L;
    }

    /** The lower 64 bits of the address named {@code id} (IPv4 as {@code ::ffff:a.b.c.d}, as {@link IpAddress#lo}). */
    public long lo(int id) {
        return v6 ? lo[id] : V4_MAPPED | (id & 0xFFFF_FFFFL);
    }

    /** The 32 bits the kernel hashes for the address named {@code id}: the IPv4 address, or the IPv6 fold. */
    public int hashAddr(int id) {
        return v6 ? IpvsHash.fold(hi[id], lo[id]) : id;
    }

    /** {@code ip} as ipvsadm and ipset print it (no brackets). */
    public String text(int id) {
        return v6 ? addresses.get(id).toString() : IpAddress.formatV4(id);
    }

    /** {@code ip:port}, IPv6 in brackets as ipvsadm prints it. */
    public String withPort(int id, int port) {
        return v6 ? "[" + addresses.get(id) + "]:" + port : IpAddress.formatV4(id) + ":" + port;
    }

    /** A sort key for the address named {@code id}: unsigned order of the address itself. */
    public int compare(int a, int b) {
        return v6 ? addresses.get(a).compareTo(addresses.get(b)) : Integer.compareUnsigned(a, b);
    }
}
