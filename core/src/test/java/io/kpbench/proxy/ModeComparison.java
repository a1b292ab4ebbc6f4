package io.kpbench.proxy;

import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Runs every probe of a generated cluster through iptables (the reference) and one other mode. */
final class ModeComparison {
    private ModeComparison() {
    }

    /** One line per probe on which {@code mode} and iptables differ in a way no documented row allows. */
    static List<String> undocumentedDifferences(ProxyMode mode, GeneratedCluster g) {
        List<String> out = new ArrayList<>();
        compare(mode, g, (p, ref, actual) -> {
            if (!ModeDifferences.agree(ref, actual) && ModeDifferences.allowing(mode, p, ref, actual) == null) {
                out.add(p + "\n  iptables: " + brief(ref) + "\n  " + mode.cliName() + ": " + brief(actual)
                        + "\n  path: " + actual.path());
            }
            return null;
        });
        return out;
    }

    /** The documented rows some probe of {@code g} needed. */
    static List<ModeDifferences.Difference> differencesSeen(ProxyMode mode, GeneratedCluster g) {
        Set<ModeDifferences.Difference> out = new LinkedHashSet<>();
        compare(mode, g, (p, ref, actual) -> {
            if (!ModeDifferences.agree(ref, actual)) {
                ModeDifferences.Difference d = ModeDifferences.allowing(mode, p, ref, actual);
                if (d != null) {
                    out.add(d);
                }
            }
            return null;
        });
        return List.copyOf(out);
    }

    static String brief(Explanation e) {
        return e.verdict() + " " + e.endpoints() + (e.masquerade() ? " masquerade" : "");
    }

    private interface Visitor {
        Void visit(Probe p, Explanation iptables, Explanation mode);
    }

    private static void compare(ProxyMode mode, GeneratedCluster g, Visitor v) {
        DataPlane ref = ProxyMode.IPTABLES.create(g.node(), IpFamily.IPv4);
        DataPlane other = mode.create(g.node(), IpFamily.IPv4);
        ref.sync(g.snapshot());
        other.sync(g.snapshot());
        for (Probe p : g.probes()) {
            v.visit(p, ref.explain(p.packet()), other.explain(p.packet()));
        }
    }
}
