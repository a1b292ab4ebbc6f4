package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.KubeProxyFlowTables.internalExternalMasqueradeCluster;
import static io.kpbench.proxy.KubeProxyFlowTables.internalExternalMasqueradeFlows;
import static io.kpbench.proxy.ModeTestCluster.iptablesFakeNode;

import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** kube-proxy's TestInternalExternalMasquerade: 30 flows under four detector / masquerade-all settings. */
class IptablesMasqueradeFlowTest {
    static IptablesDataPlane proxier(boolean masqueradeAll, boolean detector) {
        NodeConfig n = iptablesFakeNode().withMasqueradeAll(masqueradeAll);
        if (!detector) {
            n = n.withClusterCIDRs(List.of());
        }
        IptablesDataPlane p = new IptablesDataPlane(n, IpFamily.IPv4);
        p.sync(internalExternalMasqueradeCluster());
        return p;
    }

    static Stream<DynamicTest> run(String name, boolean masqueradeAll, boolean detector) {
        return Flows.tests(name, proxier(masqueradeAll, detector),
                internalExternalMasqueradeFlows(masqueradeAll, detector, true));
    }

    @TestFactory
    Stream<DynamicTest> baseMasqueradingFollowsTrafficPolicies() {
        return run("base", false, true);
    }

    @TestFactory
    Stream<DynamicTest> withoutLocalDetectorClusterIPTrafficIsNeverMasqueradedAndPodsGetNoShortCircuit() {
        return run("no LocalTrafficDetector", false, false);
    }

    @TestFactory
    Stream<DynamicTest> masqueradeAllMasqueradesPodTrafficToClusterIPs() {
        return run("masqueradeAll", true, true);
    }

    @TestFactory
    Stream<DynamicTest> masqueradeAllWithoutDetectorCombinesBoth() {
        return run("masqueradeAll, no LocalTrafficDetector", true, false);
    }
}
