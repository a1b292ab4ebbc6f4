package io.kpbench.proxy.ebpf;

import io.kpbench.net.FiveTuple;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.Arrays;

/**
 * One compiled generation of the BPF load-balancing maps of one node and family, after Cilium's
 * {@code bpf/lib/lb.h}: the service map ({@code cilium_lb4_services_v2}: address·port·protocol·scope to a
 * frontend with rev-NAT id, backend count and flags, and its slots {@code 1..count} of backend ids), the backend
 * map ({@code cilium_lb4_backends_v3}: id to address, port, state) and the per-frontend Maglev tables and source
 * ranges. Built by {@link EbpfCompiler}, then published whole, so a packet sees one consistent generation.
 *
 * <p>IPv4 frontends are keyed exactly by {@link FiveTuple#packV4Key} with the scope in bit 24; IPv6 frontends
 * by a 64-bit fingerprint of the same fields, verified against the stored address on a hit.
 */
final class LbMaps {
    static final int CLUSTER_IP = 1;
    static final int NODE_PORT = 1 << 1;
    static final int EXTERNAL_IPS = 1 << 2;
    static final int LOAD_BALANCER = 1 << 3;
    static final int LOCAL = 1 << 4;
    static final int INTERNAL_LOCAL = 1 << 5;
    static final int AFFINITY = 1 << 6;
    static final int SOURCE_RANGE = 1 << 7;
    static final int NON_ROUTABLE = 1 << 8;
    static final int TWO_SCOPES = 1 << 9;
    static final int SCOPE_INTERNAL = 1 << 10;

    static final byte ACTIVE = 1;
    static final byte TERMINATING = 2;

    final boolean v4;
    final LinearProbeLongIntMap services = new LinearProbeLongIntMap(64, -1);

    int frontends;
    long[] feHi = new long[16];
    long[] feLo = new long[16];
    int[] fePort = new int[16];
    int[] feProto = new int[16];
    int[] revNat = new int[16];
    int[] flags = new int[16];
    int[] count = new int[16];
    int[] slotStart = new int[16];
    int[] rangeStart = new int[16];
    int[] rangeCount = new int[16];
    long[] affinityTimeoutNanos = new long[16];
    MaglevTable[] maglev = new MaglevTable[16];
    String[] serviceName = new String[16];

    int slotsUsed;
    int[] slots = new int[64];
    int serviceEntries;

    final PrefixList ranges = new PrefixList();
    final PrefixList clusterSources = new PrefixList();
    final PrefixList nodeLocalSources = new PrefixList();

    long[] beHi = new long[1];
    long[] beLo = new long[1];
    int[] bePort = new int[1];
    int[] beProto = new int[1];
    byte[] beState = new byte[1];
    boolean[] beLocal = new boolean[1];
    String[] beText = new String[1];
    int backends;

    LbMaps(boolean v4) {
        this.v4 = v4;
    }

    /** The service-map key of a frontend. */
    static long key(boolean v4, long hi, long lo, int proto, int port, boolean internalScope) {
        if (v4) {
            return FiveTuple.packV4Key((int) lo, proto, port) | (internalScope ? 1L << 24 : 0L);
        }
        long fields = ((long) proto << 16) | port | (internalScope ? 1L << 24 : 0L);
        return TupleHash.mix(hi ^ TupleHash.mix(lo ^ TupleHash.mix(fields)));
    }

    /** True when frontend {@code fe} is exactly the packet's destination (always true for IPv4 keys). */
    boolean matches(int fe, FiveTuple p) {
        return v4 || feHi[fe] == p.dstHi() && feLo[fe] == p.dstLo() && fePort[fe] == p.dstPort()
                && feProto[fe] == p.protocol();
    }

    /** The affinity-map key: client address and rev-NAT id ({@code lb4_affinity_key}). */
    static long affinityKey(boolean v4, long srcHi, long srcLo, int revNat) {
        if (v4) {
            return (srcLo << 32) | revNat;
        }
        return TupleHash.mix(srcHi ^ TupleHash.mix(srcLo)) ^ revNat;
    }

    int addFrontend(long hi, long lo, int proto, int port, int rev, int fl, String service) {
        int f = frontends;
        if (f == feHi.length) {
            growFrontends(f * 2);
        }
        feHi[f] = hi;
        feLo[f] = lo;
        feProto[f] = proto;
        fePort[f] = port;
        revNat[f] = rev;
        flags[f] = fl;
        serviceName[f] = service;
        frontends++;
        return f;
    }

    private void growFrontends(int n) {
        feHi = Arrays.copyOf(feHi, n);
        feLo = Arrays.copyOf(feLo, n);
        fePort = Arrays.copyOf(fePort, n);
        feProto = Arrays.copyOf(feProto, n);
        revNat = Arrays.copyOf(revNat, n);
        flags = Arrays.copyOf(flags, n);
        count = Arrays.copyOf(count, n);
        slotStart = Arrays.copyOf(slotStart, n);
        rangeStart = Arrays.copyOf(rangeStart, n);
        rangeCount = Arrays.copyOf(rangeCount, n);
        affinityTimeoutNanos = Arrays.copyOf(affinityTimeoutNanos, n);
        maglev = Arrays.copyOf(maglev, n);
        serviceName = Arrays.copyOf(serviceName, n);
    }

    /** Appends a slot list; returns its start. */
    int addSlots(int[] backendIds) {
        while (slotsUsed + backendIds.length > slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
        }
        int start = slotsUsed;
        System.arraycopy(backendIds, 0, slots, start, backendIds.length);
        slotsUsed += backendIds.length;
        return start;
    }

    void sizeBackends(int maxId) {
        int n = maxId + 1;
        beHi = new long[n];
        beLo = new long[n];
        bePort = new int[n];
        beProto = new int[n];
        beState = new byte[n];
        beLocal = new boolean[n];
        beText = new String[n];
    }

    void putBackend(int id, long hi, long lo, int port, int proto, byte state, boolean local, String text) {
        if (beState[id] == 0) {
            backends++;
        }
        beHi[id] = hi;
        beLo[id] = lo;
        bePort[id] = port;
        beProto[id] = proto;
        beState[id] = state;
        beLocal[id] = local;
        beText[id] = text;
    }

    /** True for a source inside the cluster: a pod, or this node itself ({@code bpf_lxc}/socket-LB side). */
    boolean inCluster(long hi, long lo) {
        return clusterSources.contains(hi, lo) || nodeLocalSources.contains(hi, lo);
    }

    /** True for a source on this node: a local pod or the host (sockets the socket LB sees). */
    boolean nodeLocal(long hi, long lo) {
        return nodeLocalSources.contains(hi, lo);
    }

    /** True when frontend {@code fe} admits source {@code (hi, lo)} ({@code lb4_src_range_ok}). */
    boolean sourceAllowed(int fe, long hi, long lo) {
        return ranges.containsIn(rangeStart[fe], rangeCount[fe], hi, lo);
    }
}
