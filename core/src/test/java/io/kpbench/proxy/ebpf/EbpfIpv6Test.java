package io.kpbench.proxy.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.kpbench.net.Cidr;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EbpfIpv6Test {
    private static final IpAddress NODE = IpAddress.parse("fd00::1");
    private static final IpAddress CIP = IpAddress.parse("fd00:96::10");

    private static ClusterSnapshot cluster() {
        Service svc = new Service(ObjectRef.of("ns", "v6"), ServiceType.NodePort, List.of(CIP), false,
                List.of(IpFamily.IPv6), List.of(new ServicePort("", Protocol.UDP, 53, TargetPort.of(5353), 30053)),
                List.of(), List.of(), TrafficPolicy.Cluster, TrafficPolicy.Cluster, SessionAffinity.ClientIP, 60,
                List.of(), 0, null, Map.of());
        EndpointSlice slice = new EndpointSlice(ObjectRef.of("ns", "v6-1"), "v6", IpFamily.IPv6,
                List.of(new EndpointPort("", Protocol.UDP, 5353)),
                List.of(new Endpoint(List.of(IpAddress.parse("fd00:244:2::7")), true, true, false, "other", null,
                        List.of(), List.of(), null)));
        return ClusterSnapshot.of(List.of(svc), List.of(slice), List.of());
    }

    @ParameterizedTest
    @EnumSource(value = ProxyMode.class, names = {"EBPF", "USERSPACE"})
    void ipv6ServicesAreProxiedByTheIpv6ProxierOnly(ProxyMode mode) {
        NodeConfig node = NodeConfig.of("me", List.of(NODE)).withClusterCIDRs(List.of(Cidr.parse("fd00:244::/32")));
        DataPlane v6 = mode.create(node, IpFamily.IPv6);
        v6.sync(cluster());
        FiveTuple t = new FiveTuple().set(IpAddress.parse("2001:db8::9"), 5000, NODE, 30053, Protocol.UDP);
        long c = v6.classify(t, 0, 1);
        assertEquals(Verdict.DNAT, Classification.verdict(c));
        assertEquals("[fd00:244:2::7]:5353", v6.endpoint(Classification.endpoint(c)));
        assertTrue(Classification.masquerade(c), "external client to a remote backend is SNATed");
        FiveTuple pod = new FiveTuple().set(IpAddress.parse("fd00:244:1::3"), 5000, CIP, 53, Protocol.UDP);
        assertEquals(Verdict.DNAT, Classification.verdict(v6.classify(pod, 0, 2)));
        FiveTuple otherPort = new FiveTuple().set(IpAddress.parse("fd00:244:1::3"), 5000, CIP, 54, Protocol.UDP);
        assertEquals(Verdict.NONE, Classification.verdict(v6.classify(otherPort, 0, 2)));
        DataPlane v4 = mode.create(node, IpFamily.IPv4);
        v4.sync(cluster());
        assertEquals(Verdict.NONE, Classification.verdict(v4.classify(t, 0, 1)));
        assertFalse(v6.render().isEmpty());
    }
}
