package io.kpbench.cluster.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The invariants every generated cluster keeps, checked in one place for the examples and the properties. */
final class ClusterInvariants {
    private static final Pattern ELB = Pattern.compile("a[0-9a-f]{31}-[0-9]{10}\\.us-east-1\\.elb\\.amazonaws\\.com");
    private static final Pattern SLICE_SUFFIX = Pattern.compile("-[bcdfghjklmnpqrstvwxz2456789]{5}");

    private ClusterInvariants() {
    }

    static void check(SyntheticSpec spec, ClusterSnapshot c) {
        assertEquals(spec.services(), c.services().size());
        assertEquals(spec.nodes(), c.nodes().size());
        int[] byType = new int[3];
        Set<IpAddress> clusterIPs = new HashSet<>();
        Set<Integer> nodePorts = new HashSet<>();
        Set<IpAddress> lbIPs = new HashSet<>();
        Cidr svc = spec.serviceCidr();
        for (Service s : c.services().values()) {
            byType[s.type().ordinal()]++;
            IpAddress ip = s.clusterIP();
            assertTrue(svc.contains(ip), ip + " outside " + svc);
            assertTrue(offset(svc, ip) >= 2 && offset(svc, ip) < (1L << svc.hostBits()) - 1, "reserved IP " + ip);
            assertTrue(clusterIPs.add(ip), "duplicate cluster IP " + ip);
            assertEquals(spec.ports(), s.ports().size());
            for (ServicePort p : s.ports()) {
                assertEquals(s.type().hasNodePorts(), p.nodePort() != 0, s.ref() + " node port on " + s.type());
                checkNodePort(spec, nodePorts, p.nodePort());
            }
            boolean lb = s.type() == ServiceType.LoadBalancer;
            assertEquals(s.type().hasNodePorts(), s.externalTrafficPolicy() != null);
            assertEquals(lb && s.externalTrafficPolicy() == TrafficPolicy.Local, s.healthCheckNodePort() != 0);
            checkNodePort(spec, nodePorts, s.healthCheckNodePort());
            assertEquals(lb ? 1 : 0, s.ingress().size());
            for (LoadBalancerIngress i : s.ingress()) {
                assertTrue(spec.effectiveLbPool().contains(i.ip()) && lbIPs.add(i.ip()), "bad LB IP " + i.ip());
                assertTrue(ELB.matcher(i.hostname()).matches(), i.hostname());
                assertEquals(IpMode.VIP, i.ipMode());
            }
        }
        int[] want = spec.types().apportion(spec.services());
        for (int t = 0; t < 3; t++) {
            assertEquals(want[t], byType[TypeMix.TYPES[t].ordinal()], "count of " + TypeMix.TYPES[t]);
        }
        checkNodes(spec, c);
        checkSlices(spec, c);
    }

    private static void checkNodePort(SyntheticSpec spec, Set<Integer> seen, int port) {
        if (port != 0) {
            assertTrue(spec.nodePortRange().contains(port), "node port out of range: " + port);
            assertTrue(seen.add(port), "duplicate node port " + port);
        }
    }

    private static void checkNodes(SyntheticSpec spec, ClusterSnapshot c) {
        Set<IpAddress> ips = new HashSet<>();
        Cidr first = null;
        for (Node n : c.nodes().values()) {
            assertEquals(1, n.podCIDRs().size());
            Cidr block = n.podCIDRs().get(0);
            first = first == null ? block : first;
            assertEquals(first.prefix(), block.prefix(), "every node has a block of one size");
            assertFalse(block.overlaps(spec.serviceCidr()) || block.overlaps(spec.nodeCidr()), block.toString());
            assertTrue(ips.add(n.primaryIP(IpFamily.IPv4)), n.name());
            assertTrue(spec.nodeCidr().contains(n.primaryIP(IpFamily.IPv4)), n.name());
            assertEquals(n.name(), n.labels().get(SyntheticNodes.HOSTNAME_LABEL));
            assertEquals(spec.zones() > 0, n.zone() != null, n.name());
        }
    }

    private static void checkSlices(SyntheticSpec spec, ClusterSnapshot c) {
        Set<IpAddress> podIPs = new HashSet<>();
        for (Service s : c.services().values()) {
            List<EndpointSlice> slices = c.slicesOf(s.ref());
            assertFalse(slices.isEmpty(), "no slice for " + s.ref());
            int total = 0;
            for (EndpointSlice sl : slices) {
                assertTrue(sl.ref().name().startsWith(s.ref().name()), sl.ref().toString());
                assertTrue(SLICE_SUFFIX.matcher(sl.ref().name().substring(s.ref().name().length())).matches());
                assertTrue(sl.endpoints().size() <= 100, "slice over 100 endpoints: " + sl.ref());
                assertEquals(s.ports().size(), sl.ports().size());
                for (int j = 0; j < s.ports().size(); j++) {
                    assertEquals(s.ports().get(j).name(), sl.ports().get(j).name());
                    assertEquals(s.ports().get(j).protocol(), sl.ports().get(j).protocol());
                }
                for (Endpoint e : sl.endpoints()) {
                    checkEndpoint(c, e, podIPs);
                }
                total += sl.endpoints().size();
            }
            assertTrue(total >= spec.endpoints().min() && total <= spec.endpoints().max(), s.ref() + ": " + total);
            assertEquals(SliceFactory.sliceCount(total), slices.size(), s.ref().toString());
        }
    }

    private static void checkEndpoint(ClusterSnapshot c, Endpoint e, Set<IpAddress> podIPs) {
        Node n = c.node(e.nodeName());
        assertNotNull(n, e.nodeName());
        Cidr block = n.podCIDRs().get(0);
        IpAddress ip = e.address();
        assertTrue(block.contains(ip), ip + " outside " + block + " of " + n.name());
        long off = offset(block, ip);
        assertTrue(off >= 2 && off < (1L << block.hostBits()) - 1, "reserved pod IP " + ip);
        assertTrue(podIPs.add(ip), "duplicate pod IP " + ip);
        assertEquals(n.zone(), e.zone());
        assertNotNull(e.ready());
        assertEquals(Boolean.TRUE, e.serving());
        assertEquals(!e.ready(), e.terminating());
        assertNull(e.hostname());
        assertTrue(e.zoneHints().isEmpty() || e.zoneHints().equals(List.of(e.zone())), e.zoneHints().toString());
    }

    private static long offset(Cidr c, IpAddress ip) {
        return (ip.v4() - c.base().v4()) & 0xFFFF_FFFFL;
    }
}
