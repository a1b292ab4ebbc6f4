package io.kpbench.proxy.userspace;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.ebpf.TupleHash;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.Arrays;

/**
 * One compiled generation of the userspace proxy's state: the portal map (every service address·port·protocol
 * to its service port), per service port the shuffled endpoint list, and the endpoint table by stable id.
 * The round-robin cursor of a service port is carried into the next generation when its endpoints are
 * unchanged.
 */
final class PortalTables {
    final boolean v4;
    final LinearProbeLongIntMap portals = new LinearProbeLongIntMap(64, -1);

    int frontends;
    long[] feHi = new long[16];
    long[] feLo = new long[16];
    int[] fePort = new int[16];
    int[] feProto = new int[16];
    int[] feServicePort = new int[16];

    int servicePorts;
    String[] spName = new String[16];
    int[] spId = new int[16];
    int[] epStart = new int[16];
    int[] epCount = new int[16];
    long[] affinityTimeoutNanos = new long[16];
    int[] cursor = new int[16];
    int endpointsUsed;
    int[] endpoints = new int[64];

    long[] epHi = new long[1];
    long[] epLo = new long[1];
    int[] epPort = new int[1];
    String[] epText = new String[1];

    PortalTables(boolean v4) {
        this.v4 = v4;
    }

    static long key(boolean v4, long hi, long lo, int proto, int port) {
        if (v4) {
            return FiveTuple.packV4Key((int) lo, proto, port);
        }
        return TupleHash.mix(hi ^ TupleHash.mix(lo ^ TupleHash.mix(((long) proto << 16) | port)));
    }

    static long affinityKey(boolean v4, long srcHi, long srcLo, int spId) {
        return v4 ? (srcLo << 32) | spId : TupleHash.mix(srcHi ^ TupleHash.mix(srcLo)) ^ spId;
    }

    boolean matches(int fe, FiveTuple p) {
        return v4 || feHi[fe] == p.dstHi() && feLo[fe] == p.dstLo() && fePort[fe] == p.dstPort()
                && feProto[fe] == p.protocol();
    }

    int addServicePort(String name, int id, int[] eps, long timeoutNanos, int startCursor) {
        int s = servicePorts++;
        if (s == spName.length) {
            int n = s * 2;
            spName = Arrays.copyOf(spName, n);
            spId = Arrays.copyOf(spId, n);
            epStart = Arrays.copyOf(epStart, n);
            epCount = Arrays.copyOf(epCount, n);
            affinityTimeoutNanos = Arrays.copyOf(affinityTimeoutNanos, n);
            cursor = Arrays.copyOf(cursor, n);
        }
        while (endpointsUsed + eps.length > endpoints.length) {
            endpoints = Arrays.copyOf(endpoints, endpoints.length * 2);
        }
        spName[s] = name;
        spId[s] = id;
        epStart[s] = endpointsUsed;
        epCount[s] = eps.length;
        affinityTimeoutNanos[s] = timeoutNanos;
        cursor[s] = startCursor;
        System.arraycopy(eps, 0, endpoints, endpointsUsed, eps.length);
        endpointsUsed += eps.length;
        return s;
    }

    /** Adds a portal unless the address is taken (the first service keeps it); returns whether it was added. */
    boolean addPortal(long hi, long lo, int proto, int port, int sp) {
        long key = key(v4, hi, lo, proto, port);
        if (portals.containsKey(key)) {
            return false;
        }
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
        portals.put(key, f);
        return true;
    }

    void sizeEndpoints(int maxId) {
        epHi = new long[maxId + 1];
        epLo = new long[maxId + 1];
        epPort = new int[maxId + 1];
        epText = new String[maxId + 1];
    }
}
