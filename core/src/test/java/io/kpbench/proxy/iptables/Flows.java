package io.kpbench.proxy.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.PacketFlow;
import io.kpbench.proxy.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * kube-proxy's {@code runPacketFlowTests} for the iptables mode: a {@link PacketFlow}'s expected tracer output
 * (endpoints joined by ", ", or ACCEPT/DROP/REJECT, or "") and masquerade bit, checked through {@link DataPlane#explain}; {@code classify} is
 * checked to pick one of the explained endpoints with a consistent verdict and masquerade bit.
 */
final class Flows {
    private Flows() {
    }

    /** The tracer's output string for an explanation. */
    static String output(Explanation e) {
        List<String> parts = new ArrayList<>(e.endpoints());
        if (e.verdict() == Verdict.ACCEPT || e.verdict() == Verdict.DROP || e.verdict() == Verdict.REJECT) {
            parts.add(e.verdict().name());
        }
        return String.join(", ", parts);
    }

    /** Asserts one flow against {@code dp}. */
    static void check(DataPlane dp, PacketFlow f) {
        FiveTuple p = f.packet(new FiveTuple());
        Explanation e = dp.explain(p);
        String got = output(e);
        assertEquals(f.output(), got, () -> f + " explained as " + e.path());
        assertEquals(f.masq(), e.masquerade(), () -> "masq of " + f + " via " + e.path());
        for (long random = 0; random < 64; random++) {
            long r = dp.classify(p, 1_000_000_000L, random * 0x9E37_79B9_7F4A_7C15L);
            Verdict v = Classification.verdict(r);
            if (v == Verdict.DNAT) {
                String ep = dp.endpoint(Classification.endpoint(r));
                assertTrue(e.endpoints().contains(ep), () -> "classify chose " + ep + " for " + f);
            } else if (e.verdict() != Verdict.ACCEPT || e.endpoints().isEmpty()) {
                assertEquals(e.verdict(), v, () -> "classify of " + f);
            }
            assertTrue(!Classification.masquerade(r) || e.masquerade(), () -> "classify masq of " + f);
        }
    }

    /** One dynamic test per flow, named {@code scenario: flow}. */
    static Stream<DynamicTest> tests(String scenario, DataPlane dp, List<PacketFlow> flows) {
        return flows.stream().map(f -> DynamicTest.dynamicTest(scenario + ": " + f.name(), () -> check(dp, f)));
    }
}
