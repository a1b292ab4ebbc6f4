package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.ep;
import static io.kpbench.proxy.ModeTestCluster.iptablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.PacketFlow.flow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.PacketFlow;
import io.kpbench.proxy.ProxyMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class IptablesDualStackTest {

    static ClusterSnapshot dualStack() {
        return cluster(List.of(svc("ns1", "svc1").type(ServiceType.NodePort).clusterIP("172.30.0.41", "fd00:172:30::41")
                .tcp("p80", 80, 3001).build()),
                List.of(slice("ns1", "svc1", 1, "p80", 80, ep("10.180.0.1")),
                        slice("ns1", "svc1", 2, "p80", 80, ep("fd00:10:180::1", FAKE_NODE))));
    }

    @Test
    void eachFamilysProxierSeesOnlyItsOwnAddresses() {
        DataPlane v4 = ProxyMode.IPTABLES.create(iptablesFakeNode(), IpFamily.IPv4);
        DataPlane v6 = ProxyMode.IPTABLES.create(iptablesFakeNode(), IpFamily.IPv6);
        v4.sync(dualStack());
        v6.sync(dualStack());
        assertTrue(v4.render().contains("-d 172.30.0.41 --dport 80"));
        assertFalse(v4.render().contains("fd00"));
        assertTrue(v6.render().contains("-d fd00:172:30::41 --dport 80 ! -s fd00:10::/64 -j KUBE-MARK-MASQ"));
        assertTrue(v6.render().contains("-m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS"));
        assertTrue(v6.render().contains("-j DNAT --to-destination [fd00:10:180::1]:80"));
        assertFalse(v6.render().contains("KUBE-FIREWALL -m comment"), "no anti-martian rule for IPv6");
        assertFalse(v6.render().contains("127.0.0.0/8"));
        Flows.check(v6, flow("external v6 client to the v6 NodePort", "2600:5200::1", PacketFlow.NODE_IP6, 3001,
                "[fd00:10:180::1]:80", true));
        Flows.check(v6, flow("v6 pod to the v6 cluster IP", "fd00:10::2", "fd00:172:30::41", 80,
                "[fd00:10:180::1]:80", false));
        Flows.check(v4, flow("v4 pod to the v4 cluster IP", PacketFlow.POD, "172.30.0.41", 80, "10.180.0.1:80", false));
    }

    @Test
    void iptablesModeIsAvailableInTheRegistry() {
        assertTrue(ProxyMode.IPTABLES.available());
    }
}
