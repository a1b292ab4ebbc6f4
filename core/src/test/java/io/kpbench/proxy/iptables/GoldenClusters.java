package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.ep;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ServiceType;
import java.util.List;

/** The input of kube-proxy's {@code TestOverallIPTablesRules} (and {@code TestOverallNFTablesRules}). */
final class GoldenClusters {
    private GoldenClusters() {
    }

    static ClusterSnapshot overall() {
        return cluster(List.of(
                svc("ns1", "svc1").clusterIP("172.30.0.41").tcp("p80", 80, 0).build(),
                svc("ns2", "svc2").type(ServiceType.LoadBalancer).externalLocal().clusterIP("172.30.0.42")
                        .tcp("p80", 80, 3001).lb("1.2.3.4").externalIPs("192.168.99.22").healthCheckNodePort(30000).build(),
                svc("ns3", "svc3").type(ServiceType.NodePort).clusterIP("172.30.0.43").tcp("p80", 80, 3003).build(),
                svc("ns4", "svc4").type(ServiceType.NodePort).clusterIP("172.30.0.44").externalIPs("192.168.99.33")
                        .tcp("p80", 80, 0).build(),
                svc("ns5", "svc5").type(ServiceType.LoadBalancer).clusterIP("172.30.0.45").tcp("p80", 80, 3002)
                        .lb("5.6.7.8").healthCheckNodePort(30000).sourceRanges(" 203.0.113.0/25").affinity(10800)
                        .build(),
                svc("ns6", "svc6").clusterIP("172.30.0.46").tcp("p80", 80, 0).build()),
                List.of(
                        slice("ns1", "svc1", 1, "p80", 80, ep("10.180.0.1")),
                        slice("ns2", "svc2", 1, "p80", 80, ep("10.180.0.2")),
                        slice("ns3", "svc3", 1, "p80", 80, ep("10.180.0.3")),
                        slice("ns4", "svc4", 1, "p80", 80, ep("10.180.0.4"), ep("10.180.0.5", FAKE_NODE)),
                        slice("ns5", "svc5", 1, "p80", 80, ep("10.180.0.3"))));
    }
}
