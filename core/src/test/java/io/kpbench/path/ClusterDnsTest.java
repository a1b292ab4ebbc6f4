package io.kpbench.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cluster DNS as CoreDNS's kubernetes plugin answers, with a pod's search path, and public DNS for LB names. */
class ClusterDnsTest {
    private final ClusterPath cp = new ClusterPath(new SeedCluster()
            .with(headless(), SeedCluster.slice("nginx-headless", "nginx-headless-abcde",
                    List.of(SeedCluster.endpoint(SeedCluster.POD_A, "node-a", "us-east-1a"),
                            SeedCluster.endpoint(SeedCluster.POD_B, "node-b", "us-east-1b"))))
            .with(externalName(), null)
            .with(dualStack(), null)
            .build(), io.kpbench.proxy.ProxyMode.USERSPACE::create, "userspace", true, false, 64);
    private final ClusterDns dns = cp.dns();

    private static Service headless() {
        Service s = SeedCluster.service("nginx-headless", ServiceType.ClusterIP, "10.96.0.1", 0, List.of(), null, 0);
        return new Service(s.ref(), s.type(), List.of(), true, s.ipFamilies(), s.ports(), List.of(), List.of(), null,
                TrafficPolicy.Cluster, SessionAffinity.None, 10800, List.of(), 0, null, s.selector());
    }

    private static Service externalName() {
        return new Service(ObjectRef.of("default", "elb"), ServiceType.ExternalName, List.of(), false, List.of(),
                List.of(), List.of(), List.of(), null, TrafficPolicy.Cluster, SessionAffinity.None, 10800, List.of(),
                0, SeedCluster.LB_HOST, Map.of());
    }

    private static Service dualStack() {
        Service s = SeedCluster.service("nginx-dual", ServiceType.ClusterIP, "10.96.99.1", 0, List.of(), null, 0);
        return new Service(s.ref(), s.type(), List.of(IpAddress.parse("10.96.99.1"), IpAddress.parse("fd00::99")),
                false, List.of(IpFamily.IPv4, IpFamily.IPv6), s.ports(), List.of(), List.of(), null,
                TrafficPolicy.Cluster, SessionAffinity.None, 10800, List.of(), 0, null, s.selector());
    }

    private static List<String> data(DnsAnswer a) {
        return a.answers().stream().map(r -> r.type() + " " + r.data()).toList();
    }

    @Test
    void serviceNameAnswersItsClusterIpAsAnARecord() {
        DnsAnswer a = dns.resolve("nginx-cluster-ip.default.svc.cluster.local", DnsType.A, null, false);
        assertEquals(DnsAnswer.NOERROR, a.status());
        assertEquals(List.of("A 10.96.12.34"), data(a));
    }

    @Test
    void dualStackServiceAnswersAaaaAndASingleStackOneHasNoData() {
        assertEquals(List.of("AAAA fd00::99"),
                data(dns.resolve("nginx-dual.default.svc.cluster.local", DnsType.AAAA, null, false)));
        DnsAnswer none = dns.resolve("nginx-cluster-ip.default.svc.cluster.local", DnsType.AAAA, null, false);
        assertEquals(DnsAnswer.NOERROR, none.status());
        assertTrue(none.answers().isEmpty());
    }

    @Test
    void headlessServiceAnswersItsReadyPodIps() {
        assertEquals(List.of("A 10.244.1.5", "A 10.244.2.7"),
                data(dns.resolve("nginx-headless.default.svc.cluster.local.", DnsType.A, null, false)));
    }

    @Test
    void portAndProtocolNameAnswersSrv() {
        assertEquals(List.of("SRV 0 100 80 nginx-cluster-ip.default.svc.cluster.local."),
                data(dns.resolve("_http._tcp.nginx-cluster-ip.default.svc.cluster.local", DnsType.SRV, null, false)));
        assertEquals(List.of("SRV 0 50 80 10-244-1-5.nginx-headless.default.svc.cluster.local.",
                "SRV 0 50 80 10-244-2-7.nginx-headless.default.svc.cluster.local."),
                data(dns.resolve("_http._tcp.nginx-headless.default.svc.cluster.local", DnsType.SRV, null, false)));
        assertEquals(DnsAnswer.NXDOMAIN, dns.resolve("_grpc._tcp.nginx-cluster-ip.default.svc.cluster.local",
                DnsType.SRV, null, false).status());
    }

    @Test
    void externalNameAnswersACnameChasedThroughPublicDns() {
        DnsAnswer a = dns.resolve("elb.default.svc.cluster.local", DnsType.A, null, false);
        assertEquals("CNAME " + SeedCluster.LB_HOST + ".", data(a).get(0));
        assertEquals("A " + cp.loadBalancer().hostnames().get(SeedCluster.LB_HOST), data(a).get(1));
        assertEquals(List.of("CNAME " + SeedCluster.LB_HOST + "."),
                data(dns.resolve("elb.default.svc.cluster.local", DnsType.CNAME, null, false)));
    }

    @Test
    void podSearchPathExpandsShortNamesInItsNamespaceFirst() {
        DnsAnswer a = cp.resolve("nginx-cluster-ip", DnsType.A, "pod/default/client-node-a");
        assertEquals("nginx-cluster-ip.default.svc.cluster.local.", a.question());
        assertEquals(List.of("nginx-cluster-ip.default.svc.cluster.local."), a.tried());
        DnsAnswer b = cp.resolve("nginx-cluster-ip.default", DnsType.A, "pod/default/client-node-a");
        assertEquals(List.of("nginx-cluster-ip.default.default.svc.cluster.local.",
                "nginx-cluster-ip.default.svc.cluster.local."), b.tried());
        assertEquals(List.of("A 10.96.12.34"), data(b));
    }

    @Test
    void nameWithFiveDotsIsTriedAsIsBeforeTheSearchPath() {
        DnsAnswer a = cp.resolve("_http._tcp.nginx-cluster-ip.default.svc.cluster.local", DnsType.SRV,
                "pod/default/client-node-a");
        assertEquals(1, a.tried().size(), "ndots:5 reached: asked as is first, and it answered");
        DnsAnswer lb = cp.resolve(SeedCluster.LB_HOST, DnsType.A, "pod/default/client-node-a");
        assertEquals(4, lb.tried().size(), "4 dots < ndots:5: the three search domains first, then as is");
        assertEquals(SeedCluster.LB_HOST + ".", lb.tried().get(3));
        assertEquals(1, lb.answers().size());
    }

    @Test
    void unknownNamesAreNxdomainAfterTheWholeSearchPath() {
        DnsAnswer a = cp.resolve("nope", DnsType.A, "pod/default/client-node-a");
        assertEquals(DnsAnswer.NXDOMAIN, a.status());
        assertEquals(4, a.tried().size());
        assertEquals(DnsAnswer.NXDOMAIN,
                dns.resolve("nope.default.svc.cluster.local", DnsType.A, null, false).status());
    }

    @Test
    void outsideClientResolvesOnlyPublicNames() {
        assertEquals(DnsAnswer.NXDOMAIN,
                cp.resolve("nginx-cluster-ip.default.svc.cluster.local", DnsType.A, "client").status());
        DnsAnswer lb = cp.resolve(SeedCluster.LB_HOST, DnsType.A, "client");
        assertEquals("public DNS", lb.server());
        assertEquals(1, lb.answers().size());
    }

    @Test
    void podRecordsAnswerTheirDashedAddress() {
        assertEquals(List.of("A 10.244.1.5"),
                data(dns.resolve("10-244-1-5.default.pod.cluster.local", DnsType.A, null, false)));
    }
}
