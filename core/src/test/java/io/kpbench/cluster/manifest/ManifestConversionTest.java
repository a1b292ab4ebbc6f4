package io.kpbench.cluster.manifest;

import static io.kpbench.cluster.manifest.ManifestFixtures.GOOD;
import static io.kpbench.cluster.manifest.ManifestFixtures.load;
import static io.kpbench.cluster.manifest.ManifestFixtures.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TargetPort;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each modelled field converts to the model with the API's defaults, as kube-proxy would read it. */
class ManifestConversionTest {
    @TempDir
    Path tmp;

    @Test
    void multiDocumentYamlIsLoadedWithTheApiDefaultsApplied() {
        LoadResult r = load(GOOD + "cluster.yaml");
        ClusterSnapshot c = r.snapshot();
        Service web = c.service(ObjectRef.of("shop", "web"));
        assertEquals(new Service(ObjectRef.of("shop", "web"), ServiceType.ClusterIP,
                List.of(IpAddress.parse("10.96.0.10")), false, List.of(IpFamily.IPv4),
                List.of(port("", Protocol.TCP, 80, TargetPort.of(80), 0)), List.of(), List.of(), null,
                TrafficPolicy.Cluster, SessionAffinity.None, 0, List.of(), 0, null, Map.of("app", "web")), web);
        assertEquals(Map.of("EndpointSlice (FQDN)", 1, "Pod", 1, "Endpoints", 1), r.skippedByKind());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void leadingZerosInAnIpv4ClusterIpAreNormalised() {
        Service web = load(GOOD + "cluster.yaml").snapshot().service(ObjectRef.of("shop", "web"));
        assertEquals("10.96.0.10", web.clusterIP().toString());
    }

    @Test
    void everyServiceFieldKubeProxyReadsIsConverted() {
        Service api = load(GOOD + "cluster.yaml").snapshot().service(ObjectRef.of("shop", "api"));
        assertEquals(ServiceType.LoadBalancer, api.type());
        assertEquals(List.of(IpAddress.parse("10.96.0.11"), IpAddress.parse("fd00:96::11")), api.clusterIPs());
        assertEquals(List.of(IpFamily.IPv4, IpFamily.IPv6), api.ipFamilies());
        assertEquals(List.of(port("http", Protocol.TCP, 80, TargetPort.named("http-web"), 30080),
                port("dns", Protocol.UDP, 53, TargetPort.of(5353), 30053)), api.ports());
        assertEquals(TrafficPolicy.Local, api.externalTrafficPolicy());
        assertEquals(TrafficPolicy.Cluster, api.internalTrafficPolicy());
        assertEquals(30999, api.healthCheckNodePort());
        assertEquals(SessionAffinity.ClientIP, api.sessionAffinity());
        assertEquals(SessionAffinity.DEFAULT_TIMEOUT_SECONDS, api.sessionAffinityTimeoutSeconds());
        assertEquals(List.of(Cidr.parse("203.0.113.0/25")), api.loadBalancerSourceRanges());
        assertEquals(List.of(IpAddress.parse("198.51.100.20")), api.externalIPs());
        assertEquals(List.of(new LoadBalancerIngress(IpAddress.parse("198.51.100.10"), null, IpMode.Proxy),
                new LoadBalancerIngress(null, "lb.example.com", null)), api.ingress());
    }

    @Test
    void headlessAndExternalNameServicesAreKeptButNotProxied() {
        ClusterSnapshot c = load(GOOD + "cluster.yaml").snapshot();
        Service db = c.service(ObjectRef.of("shop", "db"));
        assertTrue(db.headless());
        assertEquals(List.of(), db.clusterIPs());
        Service search = c.service(ObjectRef.of("shop", "search"));
        assertEquals(ServiceType.ExternalName, search.type());
        assertEquals("search.example.com", search.externalName());
        assertTrue(!db.proxied() && !search.proxied());
    }

    @Test
    void sliceConditionsStayTriStateAndPortsWithoutANumberAreDropped() {
        EndpointSlice s = load(GOOD + "cluster.yaml").snapshot().slices().get(ObjectRef.of("shop", "api-x1"));
        assertEquals("api", s.serviceName());
        assertEquals(IpFamily.IPv4, s.addressType());
        assertEquals(List.of(new EndpointPort("http", Protocol.TCP, 8080), new EndpointPort("dns", Protocol.UDP, 5353)),
                s.ports());
        assertEquals(List.of(
                new Endpoint(List.of(IpAddress.parse("10.244.1.5")), true, true, false, "node-1", "zone-a",
                        List.of("zone-a"), List.of("node-1"), null),
                new Endpoint(List.of(IpAddress.parse("10.244.2.7")), false, true, true, "node-2", "zone-b",
                        List.of(), List.of(), "api-1"),
                new Endpoint(List.of(IpAddress.parse("10.244.2.8")), null, null, null, null, null, null, null, null)),
                s.endpoints());
    }

    @Test
    void nodesKeepAddressesLabelsAndTheirSinglePodCidr() {
        Node n = load(GOOD + "cluster.yaml").snapshot().node("node-1");
        assertEquals("zone-a", n.zone());
        assertEquals(IpAddress.parse("192.168.1.1"), n.primaryIP(IpFamily.IPv4));
        assertEquals(List.of(Cidr.parse("10.244.1.0/24")), n.podCIDRs());
        assertNull(n.addresses().get(1).ip());
    }

    @Test
    void externalTrafficPolicyIsAcceptedOnAClusterIpService() throws IOException {
        Path f = Files.writeString(tmp.resolve("etp.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {externalTrafficPolicy: Local, ports: [{port: 80}]}
                """);
        Service s = load(f.toString()).snapshot().service(ObjectRef.of("default", "web"));
        assertEquals(TrafficPolicy.Local, s.externalTrafficPolicy());
        assertEquals("default", s.ref().namespace());
    }

    @Test
    void repeatedStringsAreSharedAcrossObjects() throws IOException {
        Path f = Files.writeString(tmp.resolve("shared.yaml"), """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: a-1, labels: {kubernetes.io/service-name: a}}
                addressType: IPv4
                endpoints: [{addresses: [10.0.0.1], nodeName: node-7, zone: z1}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: b-1, labels: {kubernetes.io/service-name: b}}
                addressType: IPv4
                endpoints: [{addresses: [10.0.0.2], nodeName: node-7, zone: z1}]
                """);
        ClusterSnapshot c = load(f.toString()).snapshot();
        Endpoint a = c.slices().get(ObjectRef.of("default", "a-1")).endpoints().get(0);
        Endpoint b = c.slices().get(ObjectRef.of("default", "b-1")).endpoints().get(0);
        assertSame(a.nodeName(), b.nodeName());
        assertSame(a.zone(), b.zone());
    }
}
