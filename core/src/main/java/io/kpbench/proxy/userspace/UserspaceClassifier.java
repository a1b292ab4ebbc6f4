package io.kpbench.proxy.userspace;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;
import io.kpbench.table.AffinityTable;

/**
 * The per-connection path of the {@code userspace} mode: a portal lookup ({@code KUBE-PORTALS-*} to the proxy
 * socket of a service port), optional ClientIP affinity, then the next endpoint of the service port's rotation,
 * as {@code LoadBalancerRR.NextEndpoint} ({@code pkg/proxy/userspace/roundrobin.go}) picks it.
 *
 * <p>Costs 1 to 3 lookups whatever the number of services, returned as the result's
 * {@link Classification#work}. Allocation-free. It writes the affinity map and the service port's
 * {@link UserspaceTables#rrCursor}, the proxier's own state; the original advanced the cursor under a mutex,
 * here it is a plain racy int (concurrent callers may pick the same endpoint; single-threaded order is exact).
 */
final class UserspaceClassifier {
    private static final long NONE = Classification.pack(Verdict.NONE, false, -1);
    private static final long REJECT = Classification.pack(Verdict.REJECT, false, -1);

    private UserspaceClassifier() {
    }

    /** Classifies {@code p} against {@code t}, reading and refreshing {@code affinity}. */
    static long classify(UserspaceTables t, AffinityTable affinity, FiveTuple p, long nowNanos) {
        final boolean v4 = t.v4;
        if (v4 != p.isV4()) {
            return NONE;
        }
        int n = 1;
        int fe = t.portals.get(UserspaceTables.key(v4, p.dstHi(), p.dstLo(), p.protocol(), p.dstPort()));
        if (fe < 0 || !t.matches(fe, p)) {
            return Classification.withWork(NONE, n);
        }
        int sp = t.feServicePort[fe];
        long range = t.epRange[sp];
        int count = UserspaceTables.count(range);
        if (count == 0) {
            return Classification.withWork(REJECT, n);
        }
        long timeout = t.affinityTimeoutNanos[sp];
        int ep = -1;
        long affKey = 0;
        if (timeout > 0) {
            n++;
            affKey = UserspaceTables.affinityKey(v4, p.srcHi(), p.srcLo(), t.spId[sp]);
            ep = affinity.lookup(affKey, nowNanos, timeout);
        }
        if (ep < 0) {
            n++;
            ep = nextEndpoint(t, sp, UserspaceTables.start(range), count);
            if (timeout > 0) {
                affinity.record(affKey, ep, nowNanos);
            }
        }
        return Classification.withWork(Classification.dnat(ep, true), n);
    }

    /** The endpoint at service port {@code sp}'s cursor; advances the cursor, wrapping at {@code count}. */
    private static int nextEndpoint(UserspaceTables t, int sp, int start, int count) {
        final int[] cursor = t.rrCursor;
        int i = cursor[sp];
        if (i >= count) {
            i = 0;
        }
        cursor[sp] = i + 1;
        return t.endpoints[start + i];
    }
}
