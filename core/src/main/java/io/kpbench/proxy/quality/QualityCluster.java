package io.kpbench.proxy.quality;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TargetPort;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.NodeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The experiment's cluster: node {@code lb-node} (10.0.0.1) running the proxier, node {@code backends}
 * (10.0.0.2) holding the endpoints (10.128.x.y:8080), and one NodePort service {@code q/svc} on port 80,
 * node port 30080, Cluster policies.
 */
public final class QualityCluster {
    /** The proxier's node IP, destination of every flow. */
    public static final IpAddress NODE_IP = IpAddress.parse("10.0.0.1");
    /** The node port of the service. */
    public static final int NODE_PORT = 30080;

    private QualityCluster() {
    }

    /** The proxier's node. */
    public static NodeConfig node() {
        return NodeConfig.of("lb-node", List.of(NODE_IP)).withClusterCIDRs(List.of(Cidr.parse("10.128.0.0/12")));
    }

    /** The address of endpoint number {@code i} (0-based). */
    public static IpAddress endpoint(int i) {
        return IpAddress.ofV4(IpAddress.parse("10.128.0.0").v4() + 1 + i);
    }

    /** The cluster whose service has the endpoints numbered {@code ids}. */
    public static ClusterSnapshot withEndpoints(List<Integer> ids) {
        Service svc = new Service(ObjectRef.of("q", "svc"), ServiceType.NodePort,
                List.of(IpAddress.parse("10.96.0.100")), false, List.of(IpFamily.IPv4),
                List.of(new ServicePort("", Protocol.TCP, 80, TargetPort.of(8080), NODE_PORT)), List.of(), List.of(),
                TrafficPolicy.Cluster, TrafficPolicy.Cluster, SessionAffinity.None, 0, List.of(), 0, null,
                Map.of("app", "q"));
        List<Endpoint> eps = new ArrayList<>(ids.size());
        for (int id : ids) {
            eps.add(new Endpoint(List.of(endpoint(id)), true, true, false, "backends", null, List.of(), List.of(),
                    null));
        }
        EndpointSlice slice = new EndpointSlice(ObjectRef.of("q", "svc-1"), "svc", IpFamily.IPv4,
                List.of(new EndpointPort("", Protocol.TCP, 8080)), eps);
        return ClusterSnapshot.of(List.of(svc), List.of(slice), List.of(node("lb-node", NODE_IP),
                node("backends", IpAddress.parse("10.0.0.2"))));
    }

    /** The cluster with endpoints {@code 0..n-1}. */
    public static ClusterSnapshot withEndpoints(int n) {
        List<Integer> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(i);
        }
        return withEndpoints(ids);
    }

    private static Node node(String name, IpAddress ip) {
        return new Node(name, List.of(new NodeAddress(NodeAddress.INTERNAL_IP, ip.toString(), ip)), Map.of(),
                List.of());
    }
}
