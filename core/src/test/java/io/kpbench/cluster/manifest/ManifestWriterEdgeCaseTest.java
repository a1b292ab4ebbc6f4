package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TargetPort;
import io.kpbench.cluster.TargetRef;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Objects a generator never makes but a loaded cluster may hold: headless, ExternalName, dual-stack, odd names. */
class ManifestWriterEdgeCaseTest {
    private static final Node NODE = new Node("123", List.of(
            new NodeAddress(NodeAddress.INTERNAL_IP, "172.18.0.2", IpAddress.parse("172.18.0.2")),
            new NodeAddress(NodeAddress.INTERNAL_IP, "fd00::2", IpAddress.parse("fd00::2")),
            new NodeAddress(NodeAddress.HOSTNAME, "123", null)),
            Map.of(Node.ZONE_LABEL, "1.5", "flag", "yes"),
            List.of(Cidr.parse("10.244.0.0/24"), Cidr.parse("fd00:10::/64")));
    private static final Service HEADLESS = new Service(ObjectRef.of("on", "yes"), ServiceType.ClusterIP, List.of(),
            true, List.of(IpFamily.IPv4), List.of(new ServicePort("", Protocol.TCP, 80, TargetPort.named("http"), 0)),
            List.of(), List.of(), null, TrafficPolicy.Cluster, SessionAffinity.None, 0, List.of(), 0, null,
            Map.of("app", "true"));
    private static final Service EXTERNAL_NAME = new Service(ObjectRef.of("on", "ext"), ServiceType.ExternalName,
            List.of(), false, List.of(), List.of(), List.of(), List.of(), null, null, null, 0, List.of(), 0,
            "db.example.com", Map.of());
    private static final Service DUAL = new Service(ObjectRef.of("on", "dual"), ServiceType.LoadBalancer,
            List.of(IpAddress.parse("10.96.0.10"), IpAddress.parse("fd00:96::10")), false,
            List.of(IpFamily.IPv4, IpFamily.IPv6),
            List.of(new ServicePort("web", Protocol.SCTP, 80, TargetPort.of(8080), 30080)),
            List.of(IpAddress.parse("192.0.2.1")),
            List.of(new LoadBalancerIngress(IpAddress.parse("203.0.113.5"), null, IpMode.Proxy),
                    new LoadBalancerIngress(null, "lb.example.com", null)),
            TrafficPolicy.Local, TrafficPolicy.Local, SessionAffinity.ClientIP, 600,
            List.of(Cidr.parse("198.51.100.0/24")), 31000, null, Map.of());
    private static final EndpointSlice SLICE = new EndpointSlice(ObjectRef.of("on", "yes-abcde"), "yes",
            IpFamily.IPv4, List.of(new EndpointPort("", Protocol.TCP, 8080)), List.of(
                    new Endpoint(List.of(IpAddress.parse("10.244.0.5")), null, null, null, null, null, null, null,
                            null),
                    new Endpoint(List.of(IpAddress.parse("10.244.0.6")), false, null, true, "123", "1.5",
                            List.of("1.5"), List.of("123"), "null", new TargetRef("Pod", "on", "yes-0"))));
    private static final Fabric8Docs DOCS = Fabric8Docs.of(ClusterSnapshot.of(
            List.of(HEADLESS, EXTERNAL_NAME, DUAL), List.of(SLICE), List.of(NODE)));

    @Test
    void namesYamlWouldMisreadAreQuotedAndReadBackAsStrings() {
        assertEquals(List.of("Namespace", "Node", "Service", "Service", "Service", "EndpointSlice"), DOCS.kinds());
        assertTrue(DOCS.namespaces.containsKey("on"));
        var node = DOCS.nodes.get("123");
        assertEquals(Map.of(Node.ZONE_LABEL, "1.5", "flag", "yes"), node.getMetadata().getLabels());
        assertEquals(List.of("10.244.0.0/24", "fd00:10::/64"), node.getSpec().getPodCIDRs());
        assertEquals("fd00::2", node.getStatus().getAddresses().get(1).getAddress());
        assertTrue(DOCS.yaml.contains("name: \"123\"\n") && DOCS.yaml.contains("namespace: \"on\"\n"));
    }

    @Test
    void aHeadlessServiceWritesClusterIPNone() {
        var spec = DOCS.services.get("on/yes").getSpec();
        assertEquals("None", spec.getClusterIP());
        assertEquals(List.of("None"), spec.getClusterIPs());
        assertEquals(Map.of("app", "true"), spec.getSelector());
        assertEquals("http", spec.getPorts().get(0).getTargetPort().getStrVal());
        assertNull(spec.getPorts().get(0).getName());
        assertNull(spec.getSessionAffinityConfig());
        assertNull(spec.getExternalTrafficPolicy());
    }

    @Test
    void anExternalNameServiceWritesNoClusterIPOrFamilies() {
        var spec = DOCS.services.get("on/ext").getSpec();
        assertEquals("ExternalName", spec.getType());
        assertEquals("db.example.com", spec.getExternalName());
        assertNull(spec.getClusterIP());
        assertTrue(spec.getIpFamilies() == null || spec.getIpFamilies().isEmpty());
        assertNull(spec.getIpFamilyPolicy());
        assertNull(spec.getInternalTrafficPolicy());
    }

    @Test
    void aDualStackLoadBalancerKeepsEveryField() {
        var f = DOCS.services.get("on/dual");
        var spec = f.getSpec();
        assertEquals(List.of("10.96.0.10", "fd00:96::10"), spec.getClusterIPs());
        assertEquals(List.of("IPv4", "IPv6"), spec.getIpFamilies());
        assertEquals("RequireDualStack", spec.getIpFamilyPolicy());
        assertEquals("SCTP", spec.getPorts().get(0).getProtocol());
        assertEquals(30080, spec.getPorts().get(0).getNodePort());
        assertEquals(List.of("192.0.2.1"), spec.getExternalIPs());
        assertEquals("Local", spec.getExternalTrafficPolicy());
        assertEquals(31000, spec.getHealthCheckNodePort());
        assertEquals("Local", spec.getInternalTrafficPolicy());
        assertEquals(600, spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds());
        assertEquals(List.of("198.51.100.0/24"), spec.getLoadBalancerSourceRanges());
        var ingress = f.getStatus().getLoadBalancer().getIngress();
        assertEquals("203.0.113.5", ingress.get(0).getIp());
        assertEquals("Proxy", ingress.get(0).getIpMode());
        assertEquals("lb.example.com", ingress.get(1).getHostname());
        assertNull(ingress.get(1).getIpMode());
    }

    @Test
    void endpointConditionsKeepTheirTriState() {
        var f = DOCS.slices.get("on/yes-abcde");
        assertEquals("", f.getPorts().get(0).getName());
        var bare = f.getEndpoints().get(0);
        assertNull(bare.getConditions());
        assertNull(bare.getNodeName());
        assertNull(bare.getHints());
        var full = f.getEndpoints().get(1);
        assertFalse(full.getConditions().getReady());
        assertNull(full.getConditions().getServing());
        assertTrue(full.getConditions().getTerminating());
        assertEquals("123", full.getNodeName());
        assertEquals("1.5", full.getZone());
        assertEquals("null", full.getHostname());
        assertEquals(List.of("Pod", "on", "yes-0"), List.of(full.getTargetRef().getKind(),
                full.getTargetRef().getNamespace(), full.getTargetRef().getName()));
        assertNull(bare.getTargetRef());
        assertEquals("1.5", full.getHints().getForZones().get(0).getName());
        assertEquals("123", full.getHints().getForNodes().get(0).getName());
    }
}
