package io.kpbench.proxy.ebpf;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.ebpf.maglev.MaglevTable;
import io.kpbench.proxy.ebpf.maglev.TupleHash;
import io.kpbench.table.AddressLongMap;
import io.kpbench.table.AffinityTable;
import io.kpbench.table.LinearProbeLongIntMap;

/**
 * The per-packet path of the {@code ebpf} mode: a NEW packet through one generation of {@link EbpfTables}, after
 * Cilium's {@code bpf/lib/lb.h} ({@code lb4_lookup_service}, {@code lb4_src_range_ok}, {@code lb4_local},
 * {@code lb4_affinity_backend_id}, {@code lb4_select_backend_id}) and {@code bpf/bpf_sock.c}
 * ({@code sock4_connect}), Cilium 1.15 (the same map operations through 1.19).
 *
 * <p>Returns its map operations as the result's {@link Classification#work}, whatever the number of services:
 * <ul>
 *   <li>the service lookup; [ipcache]; [internal scope (in-cluster client) or source range (external client)];</li>
 *   <li>on the per-packet path (not a socket-LB {@code connect()}): the service conntrack lookup
 *       ({@code ct_lazy_lookup4(..., CT_SERVICE, ...)} in {@code lb4_local}, before the backend count is
 *       checked) and, once a backend is chosen, its create ({@code ct_create4(..., CT_SERVICE, ...)});</li>
 *   <li>with ClientIP affinity: the affinity lookup ({@code cilium_lb4_affinity}), on a hit the affinity-match
 *       lookup ({@code cilium_lb_affinity_match}), and the affinity update after selection
 *       ({@code lb4_update_affinity_by_addr});</li>
 *   <li>unless affinity hit: a random slot (one lookup, {@code lb4_select_backend_id_random}) or a Maglev pick
 *       (two: the outer {@code cilium_lb4_maglev} keyed by rev-NAT id, then the inner array,
 *       {@code lb4_select_backend_id_maglev});</li>
 *   <li>the backend ({@code lb4_lookup_backend}).</li>
 * </ul>
 * A DNAT costs 3 (socket LB, random, no affinity) to 10 (an external client through the ipcache and a source range,
 * affinity miss, Maglev); a miss costs 1, plus 1 or 2 wildcard lookups when {@link EbpfConfig#dropVirtualIPTraffic}
 * is on. The ipcache lookup happens only for a source in no pod CIDR and not on this node, and only when some pod
 * lies outside the pod CIDRs (AWS VPC CNI). Allocation-free; the only state it writes is the affinity map, which the
 * kernel writes per packet too (the conntrack create is counted, not performed: conntrack is the harness's).
 */
final class EbpfClassifier {
    private static final long NONE = Classification.pack(Verdict.NONE, false, -1);
    private static final long DROP = Classification.pack(Verdict.DROP, false, -1);
    private static final long REJECT = Classification.pack(Verdict.REJECT, false, -1);

    private EbpfClassifier() {
    }

    /** Classifies {@code p} against {@code m}, reading and refreshing {@code affinity}. */
    static long classify(EbpfTables m, AffinityTable affinity, FiveTuple p, long nowNanos, long random) {
        final boolean v4 = m.v4;
        if (v4 != p.isV4()) {
            return NONE;
        }
        final long srcHi = p.srcHi();
        final long srcLo = p.srcLo();
        final int proto = p.protocol();
        final int dport = p.dstPort();
        final LinearProbeLongIntMap services = m.services;
        int n = 1;
        int fe = services.get(EbpfTables.key(v4, p.dstHi(), p.dstLo(), proto, dport, false));
        if (fe < 0 || !m.matches(fe, p)) {
            return m.wildcards != null ? wildcardSlowPath(m, p, n) : Classification.withWork(NONE, n);
        }
        int flags = m.flags[fe];
        boolean internal = m.inClusterPrefix(srcHi, srcLo);
        boolean localPod = false;
        if (!internal && m.ipcacheInUse()) {
            n++;
            long pod = m.ipcacheLookup(srcHi, srcLo);
            internal = pod != AddressLongMap.MISSING;
            localPod = pod == EbpfTables.LOCAL_POD;
        }
        if (!internal && (flags & EbpfTables.CLUSTER_IP) != 0 && !m.externalClusterIP) {
            return Classification.withWork(DROP, n);
        }
        if (internal && (flags & EbpfTables.TWO_SCOPES) != 0) {
            n++;
            fe = services.get(EbpfTables.key(v4, p.dstHi(), p.dstLo(), proto, dport, true));
        }
        if (!internal && (flags & EbpfTables.SOURCE_RANGE) != 0) {
            n++;
            if (!m.sourceAllowed(fe, srcHi, srcLo)) {
                return Classification.withWork(DROP, n);
            }
        }
        boolean sock = internal && m.socketLB && (localPod || m.nodeLocal(srcHi, srcLo));
        int perPacket = sock ? 0 : 1;
        n += perPacket;
        int count = m.count[fe];
        if (count == 0) {
            return noBackendSlowPath(m, n);
        }
        int backend = -1;
        long affKey = 0;
        boolean sticky = (flags & EbpfTables.AFFINITY) != 0;
        if (sticky) {
            n++;
            affKey = EbpfTables.affinityKey(v4, srcHi, srcLo, m.revNat[fe]);
            backend = affinity.lookup(affKey, nowNanos, m.affinityTimeoutNanos[fe]);
            n += backend >= 0 ? 1 : 0;
        }
        if (backend < 0) {
            MaglevTable table = m.maglev[fe];
            if (m.maglevSelection && !internal && table != null) {
                n += 2;
                backend = table.lookup(TupleHash.of(p, m.tupleSeed, !sticky));
            } else {
                n++;
                backend = m.slots[m.slotStart[fe] + (int) Long.remainderUnsigned(random, count)];
            }
        }
        n += 1 + perPacket;
        boolean masq = internal
                ? !sock && m.beHi[backend] == srcHi && m.beLo[backend] == srcLo
                : !m.beLocal[backend];
        if (sticky) {
            n++;
            affinity.record(affKey, backend, nowNanos);
        }
        return Classification.withWork(Classification.dnat(backend, masq), n);
    }

    /**
     * A service-map miss with wildcard entries on ({@link EbpfConfig#dropVirtualIPTraffic}): the wildcard lookup
     * ({@code address:0/ANY}, external scope, then internal scope on a miss: Cilium 1.19
     * {@code lookup_virtual_service_v4}); a hit on a non-routable (ClusterIP or LB VIP) entry drops the packet
     * ({@code DROP_NO_SERVICE}), anything else leaves it untouched.
     */
    private static long wildcardSlowPath(EbpfTables m, FiveTuple p, int lookups) {
        long flags = m.wildcards.get(p.dstHi(), p.dstLo());
        if (flags == AddressLongMap.MISSING) {
            return Classification.withWork(NONE, lookups + 2);
        }
        return Classification.withWork((flags & EbpfTables.NON_ROUTABLE) != 0 ? DROP : NONE, lookups + 1);
    }

    /** {@code count == 0}: {@code DROP_NO_SERVICE}, answered per {@code --service-no-backend-response}. */
    private static long noBackendSlowPath(EbpfTables m, int lookups) {
        return Classification.withWork(m.noBackendReject ? REJECT : DROP, lookups);
    }
}
