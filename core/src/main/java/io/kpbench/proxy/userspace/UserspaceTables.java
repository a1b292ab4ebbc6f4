package io.kpbench.proxy.userspace;

import io.kpbench.net.FiveTuple;
import io.kpbench.table.AddressKeys;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.Arrays;

/**
 * One compiled generation of the userspace proxier: the portal map (every service address·port·protocol to its
 * service port, the {@code KUBE-PORTALS-*} rules), per service port the shuffled endpoint list of
 * {@code LoadBalancerRR}, and the endpoint table by stable id. Written by {@link UserspaceCompiler}, then
 * published through {@link UserspaceDataPlane}'s one volatile reference. A full sync builds a new generation; an
 * incremental sync changes a published one only by appending (endpoint lists past {@link #endpointsUsed}, endpoint
 * entries at ids no reader holds) and then switching each changed service port's {@link #epRange} with one 64-bit
 * write: a reader sees the whole old rotation or the whole new one (see {@code package-info}).
 *
 * <p>One array is written per packet after publication: {@link #rrCursor}, {@code LoadBalancerRR}'s per-service
 * {@code balancerState.index} ({@code pkg/proxy/userspace/roundrobin.go}). It is real proxier state, not
 * bookkeeping: it decides the next endpoint, and it is carried into the next generation when a service port's
 * endpoints are unchanged. Portals are keyed by {@link AddressKeys#destination}: exact for IPv4, a fingerprint
 * verified against the stored address on a hit for IPv6.
 */
final class UserspaceTables {
    final boolean v4;
    /**
     * Portal key to frontend row. A new portal is inserted in place (see {@link LinearProbeLongIntMap#headroom});
     * a removal replaces the whole map with an edited copy, published with one write.
     */
    LinearProbeLongIntMap portals = new LinearProbeLongIntMap(64, -1);

    int frontends;
    long[] feHi = new long[16];
    long[] feLo = new long[16];
    int[] fePort = new int[16];
    int[] feProto = new int[16];
    int[] feServicePort = new int[16];

    int servicePorts;
    /** Each service port's name; null once an incremental sync has deleted it (its row stays for late readers). */
    String[] spName = new String[16];
    int[] spId = new int[16];
    /** Each service port's rotation: {@code endpoints[start .. start + count)}, packed {@code start << 32 | count}. */
    long[] epRange = new long[16];
    long[] affinityTimeoutNanos = new long[16];
    /** The round-robin cursor of each service port: the one array classify writes (see the class comment). */
    int[] rrCursor = new int[16];
    int endpointsUsed;
    int[] endpoints = new int[64];

    long[] epHi = new long[1];
    long[] epLo = new long[1];
    int[] epPort = new int[1];
    String[] epText = new String[1];

    UserspaceTables(boolean v4) {
        this.v4 = v4;
    }

    /** An empty generation: no portals, no ids. */
    static UserspaceTables empty(boolean v4) {
        return new UserspaceTables(v4);
    }

    /** The packed rotation of {@code start} and {@code count}. */
    static long range(int start, int count) {
        return ((long) start << 32) | count;
    }

    /** The first index in {@link #endpoints} of a packed rotation. */
    static int start(long range) {
        return (int) (range >>> 32);
    }

    /** The length of a packed rotation. */
    static int count(long range) {
        return (int) range;
    }

    /** The number of endpoints of service port {@code sp}. */
    int epCount(int sp) {
        return count(epRange[sp]);
    }

    /** The portal-map key of a service address. */
    static long key(boolean v4, long hi, long lo, int proto, int port) {
        return AddressKeys.destination(v4, hi, lo, proto, port, 0);
    }

    /** The affinity key: client address and service-port id. */
    static long affinityKey(boolean v4, long srcHi, long srcLo, int spId) {
        return AddressKeys.client(v4, srcHi, srcLo, spId);
    }

    /** True when portal {@code fe} is exactly the packet's destination (always true for IPv4 keys). */
    boolean matches(int fe, FiveTuple p) {
        return v4 || feHi[fe] == p.dstHi() && feLo[fe] == p.dstLo() && fePort[fe] == p.dstPort()
                && feProto[fe] == p.protocol();
    }

    /** The index of the endpoint round robin hands out next for service port {@code sp}. */
    int nextIndex(int sp) {
        int cursor = rrCursor[sp];
        return cursor >= epCount(sp) ? 0 : cursor;
    }

    /** Appends service port {@code name} with endpoint ids {@code eps} in rotation order; returns its index. */
    int addServicePort(String name, int id, int[] eps, long timeoutNanos, int startCursor) {
        int s = servicePorts++;
        if (s == spName.length) {
            int n = s * 2;
            spName = Arrays.copyOf(spName, n);
            spId = Arrays.copyOf(spId, n);
            epRange = Arrays.copyOf(epRange, n);
            affinityTimeoutNanos = Arrays.copyOf(affinityTimeoutNanos, n);
            rrCursor = Arrays.copyOf(rrCursor, n);
        }
        spName[s] = name;
        spId[s] = id;
        epRange[s] = range(appendEndpoints(eps), eps.length);
        affinityTimeoutNanos[s] = timeoutNanos;
        rrCursor[s] = startCursor;
        return s;
    }

    /** Appends a rotation past {@link #endpointsUsed} (growing the array); returns its start. */
    int appendEndpoints(int[] eps) {
        while (endpointsUsed + eps.length > endpoints.length) {
            endpoints = Arrays.copyOf(endpoints, endpoints.length * 2);
        }
        int start = endpointsUsed;
        System.arraycopy(eps, 0, endpoints, start, eps.length);
        endpointsUsed += eps.length;
        return start;
    }

    /** Room left past {@link #endpointsUsed} for rotations an incremental sync appends without growing. */
    int endpointRoom() {
        return endpoints.length - endpointsUsed;
    }

    /**
     * Gives a freshly compiled generation the slack incremental syncs append into: as many free rotation slots as
     * are used, and endpoint ids up to twice the highest.
     */
    void reserve() {
        int want = Math.max(64, 2 * endpointsUsed);
        if (endpoints.length < want) {
            endpoints = Arrays.copyOf(endpoints, want);
        }
        int ids = Math.max(16, 2 * epHi.length);
        epHi = Arrays.copyOf(epHi, ids);
        epLo = Arrays.copyOf(epLo, ids);
        epPort = Arrays.copyOf(epPort, ids);
        epText = Arrays.copyOf(epText, ids);
    }

    /** Adds a portal unless the address is taken (the first service keeps it); returns whether it was added. */
    boolean addPortal(long hi, long lo, int proto, int port, int sp) {
        long key = key(v4, hi, lo, proto, port);
        if (portals.containsKey(key)) {
            return false;
        }
        portals.put(key, addFrontend(hi, lo, proto, port, sp));
        return true;
    }

    /** Appends a frontend row of service port {@code sp} (no portal-map key yet); returns its index. */
    int addFrontend(long hi, long lo, int proto, int port, int sp) {
        int f = frontends++;
        if (f == feHi.length) {
            int n = f * 2;
            feHi = Arrays.copyOf(feHi, n);
            feLo = Arrays.copyOf(feLo, n);
            fePort = Arrays.copyOf(fePort, n);
            feProto = Arrays.copyOf(feProto, n);
            feServicePort = Arrays.copyOf(feServicePort, n);
        }
        feHi[f] = hi;
        feLo[f] = lo;
        fePort[f] = port;
        feProto[f] = proto;
        feServicePort[f] = sp;
        return f;
    }

    /**
     * A new generation sharing this one's portals, frontend and service-port rows and endpoint table, with the
     * rotations of the live service ports copied into a fresh {@link #endpoints} array (as much room again) and
     * the cursors copied: what an incremental sync does when appended rotations have used the room up, O(live
     * rotation entries), no recompile. Readers of this generation are unaffected.
     */
    UserspaceTables compacted() {
        UserspaceTables c = new UserspaceTables(v4);
        c.portals = portals;
        c.frontends = frontends;
        c.feHi = feHi;
        c.feLo = feLo;
        c.fePort = fePort;
        c.feProto = feProto;
        c.feServicePort = feServicePort;
        c.servicePorts = servicePorts;
        c.spName = spName;
        c.spId = spId;
        c.affinityTimeoutNanos = affinityTimeoutNanos;
        c.epHi = epHi;
        c.epLo = epLo;
        c.epPort = epPort;
        c.epText = epText;
        c.rrCursor = rrCursor.clone();
        c.epRange = new long[epRange.length];
        int live = 0;
        for (int sp = 0; sp < servicePorts; sp++) {
            live += spName[sp] == null ? 0 : epCount(sp);
        }
        c.endpoints = new int[Math.max(64, 2 * live)];
        for (int sp = 0; sp < servicePorts; sp++) {
            if (spName[sp] != null) {
                int n = epCount(sp);
                System.arraycopy(endpoints, start(epRange[sp]), c.endpoints, c.endpointsUsed, n);
                c.epRange[sp] = range(c.endpointsUsed, n);
                c.endpointsUsed += n;
            }
        }
        return c;
    }

    /** Sizes the endpoint table for ids up to {@code maxId}. */
    void sizeEndpoints(int maxId) {
        epHi = new long[maxId + 1];
        epLo = new long[maxId + 1];
        epPort = new int[maxId + 1];
        epText = new String[maxId + 1];
    }
}
