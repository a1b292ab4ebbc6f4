package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.iptables.Fixtures.ep;
import static io.kpbench.proxy.iptables.Fixtures.slice;
import static io.kpbench.proxy.iptables.Fixtures.svc;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ServiceType;
import java.util.List;

/** The input of kube-proxy's {@code TestOverallIPTablesRules} (and {@code TestOverallNFTablesRules}). */
final class GoldenClusters {
    private GoldenClusters() {
    }

    static ClusterSnapshot overall() {
        return Fixtures.cluster(List.of(
                svc("ns1", "svc1").ip("172.30.0.41").port("p80", 80, 0).build(),
                svc("ns2", "svc2").type(ServiceType.LoadBalancer).local().ip("172.30.0.42").port("p80", 80, 3001)
                        .lb("1.2.3.4").external("192.168.99.22").hcnp(30000).build(),
                svc("ns3", "svc3").type(ServiceType.NodePort).ip("172.30.0.43").port("p80", 80, 3003).build(),
                svc("ns4", "svc4").type(ServiceType.NodePort).ip("172.30.0.44").external("192.168.99.33")
                        .port("p80", 80, 0).build(),
                svc("ns5", "svc5").type(ServiceType.LoadBalancer).ip("172.30.0.45").port("p80", 80, 3002)
                        .lb("5.6.7.8").hcnp(30000).ranges(" 203.0.113.0/25").affinity(10800).build(),
                svc("ns6", "svc6").ip("172.30.0.46").port("p80", 80, 0).build()),
                List.of(
                        slice("ns1", "svc1", 1, "p80", 80, ep("10.180.0.1")),
                        slice("ns2", "svc2", 1, "p80", 80, ep("10.180.0.2")),
                        slice("ns3", "svc3", 1, "p80", 80, ep("10.180.0.3")),
                        slice("ns4", "svc4", 1, "p80", 80, ep("10.180.0.4"), ep("10.180.0.5", Fixtures.NODE)),
                        slice("ns5", "svc5", 1, "p80", 80, ep("10.180.0.3"))));
    }
}
