package io.kpbench.proxy.ebpf;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.ebpf.maglev.MaglevTable;
import io.kpbench.proxy.ebpf.maglev.TupleHash;
import io.kpbench.table.AddressLongMap;
import io.kpbench.table.AffinityTable;

/**
 * The per-packet path of the {@code ebpf} mode: a NEW packet through one generation of {@link EbpfTables}, after
 * Cilium's {@code bpf/lib/lb.h} ({@code lb4_lookup_service}, {@code lb4_src_range_ok}, {@code lb4_local},
 * {@code lb4_affinity_backend_id}, {@code lb4_select_backend_id}) and {@code bpf/bpf_sock.c}
 * ({@code sock4_connect}).
 *
 * <p>Costs 1 to 6 map lookups (3 to 6 for a DNAT) whatever the number of services: service, [ipcache], [internal
 * scope (in-cluster client) or source range (external client)], [affinity], slot or Maglev entry unless affinity
 * hit, backend; returned as the result's {@link Classification#work}. The ipcache lookup happens only for a source
 * in no pod CIDR and not on this node, and only when some pod lies outside the pod CIDRs (AWS VPC CNI): a source
 * in a pod CIDR stops at the prefix scan and pays nothing more. Allocation-free; the only state it writes is the
 * affinity map, which the kernel writes per packet too.
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
        int n = 1;
        int fe = m.services.get(EbpfTables.key(v4, p.dstHi(), p.dstLo(), proto, dport, false));
        if (fe < 0 || !m.matches(fe, p)) {
            return Classification.withWork(NONE, n);
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
            fe = m.services.get(EbpfTables.key(v4, p.dstHi(), p.dstLo(), proto, dport, true));
        }
        if (!internal && (flags & EbpfTables.SOURCE_RANGE) != 0) {
            n++;
            if (!m.sourceAllowed(fe, srcHi, srcLo)) {
                return Classification.withWork(DROP, n);
            }
        }
        int count = m.count[fe];
        if (count == 0) {
            return noBackendSlowPath(m, n);
        }
        boolean sock = internal && m.socketLB && (localPod || m.nodeLocal(srcHi, srcLo));
        int backend = -1;
        long affKey = 0;
        boolean sticky = (flags & EbpfTables.AFFINITY) != 0;
        if (sticky) {
            n++;
            affKey = EbpfTables.affinityKey(v4, srcHi, srcLo, m.revNat[fe]);
            backend = affinity.lookup(affKey, nowNanos, m.affinityTimeoutNanos[fe]);
        }
        if (backend < 0) {
            n++;
            MaglevTable table = m.maglev[fe];
            if (m.maglevSelection && !internal && table != null) {
                backend = table.lookup(TupleHash.of(p, m.tupleSeed, !sticky));
            } else {
                backend = m.slots[m.slotStart[fe] + (int) Long.remainderUnsigned(random, count)];
            }
        }
        n++;
        boolean masq = internal
                ? !sock && m.beHi[backend] == srcHi && m.beLo[backend] == srcLo
                : !m.beLocal[backend];
        if (sticky) {
            affinity.record(affKey, backend, nowNanos);
        }
        return Classification.withWork(Classification.dnat(backend, masq), n);
    }

    /** {@code count == 0}: {@code DROP_NO_SERVICE}, answered per {@code --service-no-backend-response}. */
    private static long noBackendSlowPath(EbpfTables m, int lookups) {
        return Classification.withWork(m.noBackendReject ? REJECT : DROP, lookups);
    }
}
