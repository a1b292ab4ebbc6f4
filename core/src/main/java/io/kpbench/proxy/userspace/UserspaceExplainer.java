package io.kpbench.proxy.userspace;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.Verdict;
import io.kpbench.table.AffinityTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The trace path of the {@code userspace} mode: explains a NEW connection the way {@link UserspaceClassifier}
 * handles it, one path line per lookup, listing every endpoint of the rotation (the round robin's next index
 * says which one this connection would get).
 */
final class UserspaceExplainer {
    private UserspaceExplainer() {
    }

    /** Explains {@code p} against {@code t}, peeking at (never refreshing) {@code affinity}. */
    static Explanation explain(UserspaceTables t, AffinityTable affinity, FiveTuple p) {
        boolean v4 = t.v4;
        List<String> path = new ArrayList<>();
        if (v4 != p.isV4()) {
            path.add("not an " + (v4 ? "IPv4" : "IPv6") + " packet: this proxier does not see it");
            return new Explanation(Verdict.NONE, List.of(), false, path, 0);
        }
        int fe = t.portals.get(UserspaceTables.key(v4, p.dstHi(), p.dstLo(), p.protocol(), p.dstPort()));
        if (fe < 0 || !t.matches(fe, p)) {
            path.add("KUBE-PORTALS: no portal for " + p.dst().withPort(p.dstPort()));
            return new Explanation(Verdict.NONE, List.of(), false, path, 1);
        }
        int sp = t.feServicePort[fe];
        long range = t.epRange[sp];
        int count = UserspaceTables.count(range);
        path.add("KUBE-PORTALS: " + UserspaceRenderer.portal(t, fe) + " -j REDIRECT to the proxy socket of "
                + t.spName[sp]);
        if (count == 0) {
            path.add("proxy: " + t.spName[sp] + " has no endpoints; the accepted connection is closed -> REJECT");
            return new Explanation(Verdict.REJECT, List.of(), false, path, 1);
        }
        int lookups = 1;
        if (t.affinityTimeoutNanos[sp] > 0) {
            lookups++;
            int stuck = affinity.peek(UserspaceTables.affinityKey(v4, p.srcHi(), p.srcLo(), t.spId[sp]));
            path.add("proxy: ClientIP affinity for " + p.src() + " -> "
                    + (stuck >= 0 ? t.epText[stuck] + " (while younger than "
                    + t.affinityTimeoutNanos[sp] / 1_000_000_000L + "s)" : "miss"));
        }
        List<String> eps = new ArrayList<>();
        path.add("proxy: round robin over " + count + " endpoints, next index " + t.nextIndex(sp));
        for (int k = 0; k < count; k++) {
            int ep = t.endpoints[UserspaceTables.start(range) + k];
            lookups++;
            eps.add(t.epText[ep]);
            path.add("proxy: endpoint " + k + " -> " + t.epText[ep] + " (connect from the node IP: masquerade)");
        }
        return new Explanation(Verdict.DNAT, eps, true, path, lookups);
    }
}
