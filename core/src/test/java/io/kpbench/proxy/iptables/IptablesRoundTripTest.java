package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.ModeTestCluster.iptablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.kubeProxyOverall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.iptables.netfilter.RuleParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class IptablesRoundTripTest {

    static void assertSameBehaviour(DataPlane model, DataPlane parsed, ClusterSnapshot c) {
        for (FiveTuple p : RandomClusters.packets(c)) {
            assertEquals(model.explain(p), parsed.explain(p), p::toString);
            for (long random = 0; random < 4; random++) {
                long a = model.classify(p, 5_000_000_000L, random * 0x5DEECE66DL);
                long b = parsed.classify(p, 5_000_000_000L, random * 0x5DEECE66DL);
                assertEquals(Classification.verdict(a), Classification.verdict(b), p::toString);
                assertEquals(Classification.masquerade(a), Classification.masquerade(b), p::toString);
                if (Classification.endpoint(a) >= 0) {
                    assertEquals(model.endpoint(Classification.endpoint(a)),
                            parsed.endpoint(Classification.endpoint(b)), p::toString);
                }
            }
        }
    }

    static IptablesDataPlane reparse(IptablesDataPlane p) {
        return IptablesDataPlane.fromSave(p.render(), iptablesFakeNode(), IpFamily.IPv4);
    }

    @Test
    void goldenRulesetBehavesTheSameAfterRenderAndParse() {
        ClusterSnapshot c = kubeProxyOverall();
        IptablesDataPlane model = IptablesClassifyTest.golden();
        IptablesDataPlane parsed = reparse(model);
        assertEquals(model.render(), parsed.render());
        assertSameBehaviour(model, parsed, c);
    }

    @Property(tries = 60)
    void randomClustersBehaveTheSameAfterRenderAndParse(@ForAll long seed) {
        ClusterSnapshot c = RandomClusters.cluster(seed);
        IptablesDataPlane model = new IptablesDataPlane(iptablesFakeNode(), IpFamily.IPv4);
        model.sync(c);
        IptablesDataPlane parsed = reparse(model);
        assertEquals(model.render(), parsed.render());
        assertSameBehaviour(model, parsed, c);
    }

    @Test
    void kubeProxysRestoreInputWithoutBuiltInChainsIsEvaluableFromKubeServices() throws Exception {
        IptablesDataPlane parsed = IptablesDataPlane.fromSave(IptablesGoldenTest.golden("golden-iptables.txt"),
                iptablesFakeNode(), IpFamily.IPv4);
        IptablesDataPlane model = IptablesClassifyTest.golden();
        for (FiveTuple p : RandomClusters.packets(kubeProxyOverall())) {
            assertEquals(model.explain(p).endpoints(), parsed.explain(p).endpoints(), p::toString);
            assertEquals(model.explain(p).verdict(), parsed.explain(p).verdict(), p::toString);
        }
    }

    @Test
    void unknownMatchIsReportedWithItsLineNumberAndText() {
        String text = "*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -m set --match-set FOO dst -j ACCEPT\nCOMMIT\n";
        RuleParseException e = assertThrows(RuleParseException.class,
                () -> IptablesDataPlane.fromSave(text, iptablesFakeNode(), IpFamily.IPv4));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("-m set --match-set FOO"), e.getMessage());
    }

    @Test
    void unknownTargetIsReportedWithItsLineNumber() {
        String text = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j LOG --log-prefix x\nCOMMIT\n";
        RuleParseException e = assertThrows(RuleParseException.class,
                () -> IptablesDataPlane.fromSave(text, iptablesFakeNode(), IpFamily.IPv4));
        assertEquals(3, e.line());
    }
}
