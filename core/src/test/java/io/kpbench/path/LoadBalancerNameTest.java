package io.kpbench.path;

import static io.kpbench.path.SeedJourneyTest.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TargetPort;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.path.JourneyResult.Outcome;
import io.kpbench.proxy.ProxyMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cloud LBs are known by what their Service's {@code status.loadBalancer.ingress} says: an IP as given, a
 * hostname only where the ingress has one, nothing invented.
 */
class LoadBalancerNameTest {
    /** A classic ELB name as the AWS provider reports it: {@code a} + 31 hex, a 10-digit id, an AWS region. */
    private static final Pattern AWS_ELB = Pattern.compile(
            "a[0-9a-f]{31}-[0-9]{10}\\.(us|eu|ap|sa|ca|me|af)-[a-z]+-[0-9]\\.elb\\.amazonaws\\.com");

    /** A GKE-shaped cluster: GCP zones, one LoadBalancer service on 443 whose ingress is {@code ingress}. */
    private static ClusterSnapshot gke(List<LoadBalancerIngress> ingress) {
        Service s = new Service(ObjectRef.of("default", "web"), ServiceType.LoadBalancer,
                List.of(IpAddress.parse("10.96.80.1")), false, List.of(IpFamily.IPv4),
                List.of(new ServicePort("https", Protocol.TCP, 443, TargetPort.of(8443), 31443)), List.of(),
                ingress, TrafficPolicy.Cluster, TrafficPolicy.Cluster, SessionAffinity.None,
                SessionAffinity.DEFAULT_TIMEOUT_SECONDS, List.of(), 0, null, Map.of("app", "web"));
        EndpointSlice slice = new EndpointSlice(ObjectRef.of("default", "web-8h2kq"), "web", IpFamily.IPv4,
                List.of(new EndpointPort("https", Protocol.TCP, 8443)),
                List.of(SeedCluster.endpoint(IpAddress.parse("10.4.1.7"), "gke-pool-1", "europe-west1-b")));
        return ClusterSnapshot.of(List.of(s), List.of(slice), List.of(
                SeedCluster.node("gke-pool-1", IpAddress.parse("10.132.0.2"), "10.4.1.0/24", "europe-west1-b"),
                SeedCluster.node("gke-pool-2", IpAddress.parse("10.132.0.3"), "10.4.2.0/24", "europe-west1-c")));
    }

    private static ClusterPath path(ClusterSnapshot c) {
        return new ClusterPath(c, ProxyMode.IPTABLES::create, "iptables", true, false, 256);
    }

    @Test
    void aWalkToAnIngressIpKeepsTheIpAndInventsNoName() {
        ClusterPath cp = path(gke(List.of(new LoadBalancerIngress(IpAddress.parse("34.120.15.9"), null, null))));
        Walk w = cp.walk("client", "https://34.120.15.9/", 2, 1);
        assertTrue(cp.loadBalancer().hostnames().isEmpty(), "no DNS name: " + cp.loadBalancer().hostnames());
        assertNull(cp.loadBalancer().listeners().get(0).hostname());
        for (Walk.PacketWalk p : w.packets()) {
            assertEquals(Outcome.REPLIED, p.outcome());
            assertEquals("lb 34.120.15.9", last(p.request(), HopKind.LOAD_BALANCER).at());
            assertTrue(last(p.reply(), HopKind.RECEIVE).packet().startsWith("TCP 34.120.15.9:443 -> "));
            String all = p.request() + " " + p.reply() + " " + p.requestSummary() + " " + p.replySummary();
            assertFalse(all.contains("amazonaws") || all.contains("elb"), all);
        }
        assertTrue(w.dns().isEmpty());
    }

    @Test
    void aHostnameIngressIsTheOnlyNameAndResolvesToItsIp() {
        String host = "a9f8e7d6c5b4a39281706f5e4d3c2b1a-0123456789.eu-west-1.elb.amazonaws.com";
        ClusterPath cp = path(gke(List.of(new LoadBalancerIngress(null, host, null))));
        assertEquals(List.of(host), List.copyOf(cp.loadBalancer().hostnames().keySet()));
        IpAddress addr = cp.loadBalancer().hostnames().get(host);
        assertTrue(Cidr.parse("198.18.0.0/15").contains(addr), "the model's address for a hostname-only LB: " + addr);
        Walk w = cp.walk("client", "https://" + host + "/", 1, 1);
        assertEquals("lb " + host, last(w.packets().get(0).request(), HopKind.LOAD_BALANCER).at());
        assertEquals(Outcome.REPLIED, w.packets().get(0).outcome());
    }

    @Test
    void aPendingLoadBalancerGetsAnAddressButNoName() {
        ClusterPath cp = path(gke(List.of()));
        assertTrue(cp.loadBalancer().hostnames().isEmpty());
        LbListener l = cp.loadBalancer().listeners().get(0);
        assertNull(l.hostname());
        assertEquals("198.18.0.10", l.name());
        assertEquals(Outcome.REPLIED, cp.walk("client", "198.18.0.10:443", 1, 1).packets().get(0).outcome());
    }

    @Test
    void everySyntheticLoadBalancerNameIsAPlausibleAwsElbName() {
        ClusterSnapshot c = SyntheticCluster.generate(SyntheticSpec.parse(
                "services=40,endpoints=2,nodes=3,seed=7,types=ClusterIP:50+LoadBalancer:50"));
        ClusterPath cp = path(c);
        assertFalse(cp.loadBalancer().hostnames().isEmpty());
        for (String name : cp.loadBalancer().hostnames().keySet()) {
            assertTrue(AWS_ELB.matcher(name).matches(), name);
        }
    }

    @Test
    void anIpv6IngressAddressIsRefusedWithTheReasonInOneLine() {
        ClusterPath cp = path(gke(List.of(new LoadBalancerIngress(IpAddress.parse("2001:db8:ff::10"), null, null))));
        assertTrue(cp.loadBalancer().listeners().isEmpty(), "no IPv4 LB is made up for an IPv6 ingress");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cp.walk("client", "https://[2001:db8:ff::10]/", 1, 1));
        assertEquals("--to: 2001:db8:ff::10 is the IPv6 load balancer address of default/web, and the cloud LB model "
                + "is IPv4 only (it forwards to NodePorts on instance targets; AWS's IPv6 target groups take only IP "
                + "targets)", e.getMessage());
    }
}
