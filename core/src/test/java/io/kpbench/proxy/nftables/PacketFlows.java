package io.kpbench.proxy.nftables;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.PacketFlow;
import io.kpbench.proxy.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-proxy's runPacketFlowTests for the nftables mode, over {@link PacketFlow}s: expected output (endpoints joined
 * ", ", DROP, REJECT or "") and masq.
 */
final class PacketFlows {
    private static final long[] RANDOMS = {0L, 0x5555_5555L, 0x8000_0000L, 0xC000_0000L, 0xFFFF_FFFFL};

    private PacketFlows() {
    }

    /** The tracer's output string of an explanation. */
    static String output(Explanation e) {
        return switch (e.verdict()) {
            case DNAT -> String.join(", ", e.endpoints());
            case DROP, REJECT, ACCEPT -> e.verdict().name();
            default -> "";
        };
    }

    /** Checks every flow with explain(), and classify() against it; reports all mismatches at once. */
    static void check(DataPlane p, List<PacketFlow> flows) {
        List<String> errors = new ArrayList<>();
        FiveTuple t = new FiveTuple();
        for (PacketFlow f : flows) {
            f.packet(t);
            Explanation e = p.explain(t);
            String out = output(e);
            if (!out.equals(f.output()) || e.masquerade() != f.masq()) {
                errors.add(f.name() + ": expected \"" + f.output() + "\" masq=" + f.masq() + ", got \"" + out
                        + "\" masq=" + e.masquerade() + "\n    " + String.join("\n    ", e.path()));
                continue;
            }
            for (long r : RANDOMS) {
                long c = p.classify(t, 0L, r);
                Verdict v = Classification.verdict(c);
                boolean ok = v == e.verdict()
                        && (v != Verdict.DNAT || e.endpoints().contains(p.endpoint(Classification.endpoint(c))))
                        && (!Classification.masquerade(c) || e.masquerade());
                if (!ok) {
                    errors.add(f.name() + ": classify(random=" + Long.toHexString(r) + ") gave " + v
                            + (v == Verdict.DNAT ? " " + p.endpoint(Classification.endpoint(c)) : "")
                            + " masq=" + Classification.masquerade(c) + ", explain gave " + out);
                }
            }
        }
        if (!errors.isEmpty()) {
            fail(errors.size() + " of " + flows.size() + " flows failed:\n" + String.join("\n", errors));
        }
        assertTrue(flows.size() > 0);
    }
}
