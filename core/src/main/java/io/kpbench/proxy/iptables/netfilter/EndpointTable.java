package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.net.IpAddress;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The DNAT destinations of a ruleset numbered as endpoint ids, one per distinct {@code ip:port}, in first-use
 * order; an IPv4 destination is keyed by one packed long ({@code addr << 32 | port}), an IPv6 one by its target.
 */
final class EndpointTable {
    private final LinearProbeLongIntMap v4 = new LinearProbeLongIntMap(64, -1);
    private final Map<Target, Integer> ids = new HashMap<>();
    private long[] hi = new long[16];
    private long[] lo = new long[16];
    private int[] port = new int[16];
    private int n;

    /** The key of IPv4 destination {@code addr:port}: {@code addr << 32 | port}. */
    static long v4Key(int addr, int port) {
        return ((long) addr << 32) | (port & 0xFFFF_FFFFL);
    }

    /** The id of the IPv4 destination {@code key} ({@link #v4Key}), numbering it on first use. */
    int idV4(long key) {
        int id = v4.get(key);
        if (id >= 0) {
            return id;
        }
        return add(IpAddress.ofV4((int) (key >>> 32)), (int) key, key, null);
    }

    /** The id of DNAT target {@code t}, numbering it on first use. */
    int id(Target t) {
        if (t.ip().isV4()) {
            return idV4(v4Key(t.ip().v4(), t.port()));
        }
        Integer id = ids.get(t);
        if (id != null) {
            return id;
        }
        return add(t.ip(), t.port(), 0L, t);
    }

    private int add(IpAddress ip, int p, long key, Target v6) {
        if (n == hi.length) {
            hi = Arrays.copyOf(hi, n * 2);
            lo = Arrays.copyOf(lo, n * 2);
            port = Arrays.copyOf(port, n * 2);
        }
        hi[n] = ip.hi();
        lo[n] = ip.lo();
        port[n] = p;
        if (v6 == null) {
            v4.put(key, n);
        } else {
            ids.put(v6, n);
        }
        return n++;
    }

    long[] hi() {
        return Arrays.copyOf(hi, n);
    }

    long[] lo() {
        return Arrays.copyOf(lo, n);
    }

    int[] port() {
        return Arrays.copyOf(port, n);
    }
}
