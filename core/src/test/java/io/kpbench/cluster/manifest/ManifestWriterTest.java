package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.Cidr;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestWriterTest {
    private static final ClusterSnapshot CLUSTER = SyntheticCluster.generate(SyntheticSpec.parse(
            "services=300,endpoints=uniform:0-120,nodes=7,zones=3,namespaces=4,ports=2,"
                    + "types=ClusterIP:5+NodePort:3+LoadBalancer:2,local=0.5,affinity=0.3,terminating=0.2,hints=0.5"));
    private static final Fabric8Docs DOCS = Fabric8Docs.of(CLUSTER);

    @Test
    void everyObjectIsWrittenOnceAsATypedDocumentInKindOrder() {
        assertEquals(4, DOCS.namespaces.size());
        assertEquals(CLUSTER.nodes().size(), DOCS.nodes.size());
        assertEquals(CLUSTER.services().size(), DOCS.services.size());
        assertEquals(CLUSTER.slices().size(), DOCS.slices.size());
        List<String> kinds = DOCS.kinds();
        List<String> order = List.of("Namespace", "Node", "Service", "EndpointSlice");
        for (int i = 1; i < kinds.size(); i++) {
            assertTrue(order.indexOf(kinds.get(i - 1)) <= order.indexOf(kinds.get(i)), "order at document " + i);
        }
        assertTrue(DOCS.yaml.startsWith("---\napiVersion: v1\nkind: Namespace\n"));
    }

    @Test
    void nodesKeepTheirPodCidrsLabelsAndAddresses() {
        for (Node n : CLUSTER.nodes().values()) {
            var f = DOCS.nodes.get(n.name());
            assertEquals(n.podCIDRs().get(0).toString(), f.getSpec().getPodCIDR());
            assertEquals(n.podCIDRs().stream().map(Cidr::toString).toList(), f.getSpec().getPodCIDRs());
            assertEquals(n.labels(), f.getMetadata().getLabels());
            assertEquals(n.addresses().size(), f.getStatus().getAddresses().size());
            assertEquals(n.addresses().get(0).address(), f.getStatus().getAddresses().get(0).getAddress());
        }
    }

    @Test
    void servicesKeepTheirAllocatedIPsPortsAndPolicies() {
        for (Service s : CLUSTER.services().values()) {
            var f = DOCS.services.get(s.ref().toString());
            var spec = f.getSpec();
            assertEquals(s.type().name(), spec.getType());
            assertEquals(s.clusterIP().toString(), spec.getClusterIP());
            assertEquals(List.of(s.clusterIP().toString()), spec.getClusterIPs());
            assertEquals(List.of("IPv4"), spec.getIpFamilies());
            assertEquals("SingleStack", spec.getIpFamilyPolicy());
            for (int j = 0; j < s.ports().size(); j++) {
                ServicePort p = s.ports().get(j);
                var fp = spec.getPorts().get(j);
                assertEquals(p.name(), fp.getName());
                assertEquals(p.protocol().name(), fp.getProtocol());
                assertEquals(p.port(), fp.getPort());
                assertEquals(p.nodePort() == 0 ? null : p.nodePort(), fp.getNodePort());
                assertEquals(p.targetPort().toString(), fp.getTargetPort().getIntVal() == null
                        ? fp.getTargetPort().getStrVal() : fp.getTargetPort().getIntVal().toString());
            }
            assertEquals(s.externalTrafficPolicy() == null ? null : s.externalTrafficPolicy().name(),
                    spec.getExternalTrafficPolicy());
            assertEquals(s.healthCheckNodePort() == 0 ? null : s.healthCheckNodePort(), spec.getHealthCheckNodePort());
            assertEquals(s.sessionAffinity().name(), spec.getSessionAffinity());
            assertEquals(s.sessionAffinity() == SessionAffinity.ClientIP ? Integer.valueOf(10800) : null,
                    spec.getSessionAffinityConfig() == null ? null
                            : spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds());
            assertTrue(spec.getSelector() == null || spec.getSelector().isEmpty());
            if (s.ingress().isEmpty()) {
                assertNull(f.getStatus());
            } else {
                var in = f.getStatus().getLoadBalancer().getIngress().get(0);
                assertEquals(s.ingress().get(0).ip().toString(), in.getIp());
                assertEquals(s.ingress().get(0).hostname(), in.getHostname());
                assertEquals("VIP", in.getIpMode());
            }
        }
    }

    @Test
    void slicesKeepTheirPortsAndEveryEndpointField() {
        for (EndpointSlice s : CLUSTER.slices().values()) {
            var f = DOCS.slices.get(s.ref().toString());
            assertEquals(s.serviceName(), f.getMetadata().getLabels().get(EndpointSlice.SERVICE_NAME_LABEL));
            assertEquals("kpbench", f.getMetadata().getLabels().get("endpointslice.kubernetes.io/managed-by"));
            assertEquals("IPv4", f.getAddressType());
            assertEquals(s.ports().size(), f.getPorts().size());
            assertEquals(s.ports().get(0).name(), f.getPorts().get(0).getName());
            assertEquals(s.ports().get(0).port(), f.getPorts().get(0).getPort());
            assertEquals(s.endpoints().size(), f.getEndpoints().size());
            for (int k = 0; k < s.endpoints().size(); k++) {
                Endpoint e = s.endpoints().get(k);
                var fe = f.getEndpoints().get(k);
                assertEquals(List.of(e.address().toString()), fe.getAddresses());
                assertEquals(e.ready(), fe.getConditions().getReady());
                assertEquals(e.serving(), fe.getConditions().getServing());
                assertEquals(e.terminating(), fe.getConditions().getTerminating());
                assertEquals(e.nodeName(), fe.getNodeName());
                assertEquals(e.zone(), fe.getZone());
                assertEquals(e.zoneHints(), fe.getHints() == null ? List.of()
                        : fe.getHints().getForZones().stream().map(z -> z.getName()).toList());
            }
        }
    }

    @Test
    void theSameClusterIsWrittenByteForByte() throws Exception {
        StringWriter again = new StringWriter();
        ManifestWriter.write(CLUSTER, again);
        assertEquals(DOCS.yaml, again.toString());
    }

    @Test
    void anEmptyClusterWritesNoDocument() throws Exception {
        StringWriter w = new StringWriter();
        ManifestWriter.write(ClusterSnapshot.empty(), w);
        assertEquals("", w.toString());
    }
}
