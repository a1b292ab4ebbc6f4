package io.kpbench.proxy;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TargetPort;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A batch of every kind of change to a cluster of at least four services: a service deleted with its slices, a
 * slice losing its first endpoint, a service switched to Local traffic policies, and a service added with a slice.
 *
 * @param changes the batch
 * @param after the cluster once the batch is applied
 */
record ChangeScenario(ChangeSet changes, ClusterSnapshot after) {

    static ChangeScenario of(ClusterSnapshot before) {
        List<Service> services = List.copyOf(before.services().values());
        if (services.size() < 4) {
            throw new IllegalArgumentException("want at least 4 services, got " + services.size());
        }
        ChangeSet.Builder b = ChangeSet.builder();
        Service gone = services.get(0);
        for (EndpointSlice s : before.slicesOf(gone.ref())) {
            b.deleteSlice(s.ref(), gone.ref());
        }
        b.deleteService(gone.ref());
        for (EndpointSlice s : before.slicesOf(services.get(1).ref())) {
            List<Endpoint> eps = s.endpoints().isEmpty() ? List.of() : s.endpoints().subList(1, s.endpoints().size());
            b.updateSlice(new EndpointSlice(s.ref(), s.serviceName(), s.addressType(), s.ports(), eps));
        }
        Service s = services.get(2);
        b.updateService(new Service(s.ref(), s.type(), s.clusterIPs(), s.headless(), s.ipFamilies(), s.ports(),
                s.externalIPs(), s.ingress(), s.type().hasNodePorts() ? TrafficPolicy.Local : null, TrafficPolicy.Local,
                s.sessionAffinity(), s.sessionAffinityTimeoutSeconds(), s.loadBalancerSourceRanges(),
                s.healthCheckNodePort(), s.externalName(), s.selector()));
        ObjectRef added = ObjectRef.of("ns-new", "added");
        b.addService(new Service(added, ServiceType.ClusterIP, List.of(IpAddress.parse("10.111.255.200")), false,
                List.of(IpFamily.IPv4), List.of(new ServicePort("", Protocol.TCP, 80, TargetPort.of(8080), 0)),
                List.of(), List.of(), null, TrafficPolicy.Cluster, SessionAffinity.None, 0, List.of(), 0, null,
                Map.of()));
        List<Endpoint> eps = new ArrayList<>();
        for (var node : before.nodes().values()) {
            IpAddress ip = node.podCIDRs().get(0).address(240);
            eps.add(new Endpoint(List.of(ip), true, true, false, node.name(), null, List.of(), List.of(), null));
        }
        b.addSlice(new EndpointSlice(ObjectRef.of("ns-new", "added-1"), "added", IpFamily.IPv4,
                List.of(new EndpointPort("", Protocol.TCP, 8080)), eps));
        ChangeSet changes = b.build();
        return new ChangeScenario(changes, before.apply(changes));
    }
}
