package io.kpbench.proxy.iptables;

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

    /** The id of DNAT target {@code t}, numbering it on first use. */
    int id(Target t) {
        boolean isV4 = t.ip().isV4();
        long key = ((long) t.ip().v4() << 32) | (t.port() & 0xFFFF_FFFFL);
        if (isV4) {
            int id = v4.get(key);
            if (id >= 0) {
                return id;
            }
        } else {
            Integer id = ids.get(t);
            if (id != null) {
                return id;
            }
        }
        if (n == hi.length) {
            hi = Arrays.copyOf(hi, n * 2);
            lo = Arrays.copyOf(lo, n * 2);
            port = Arrays.copyOf(port, n * 2);
        }
        hi[n] = t.ip().hi();
        lo[n] = t.ip().lo();
        port[n] = t.port();
        if (isV4) {
            v4.put(key, n);
        } else {
            ids.put(t, n);
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
