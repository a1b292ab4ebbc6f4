package io.kpbench.proxy.ebpf;

import static io.kpbench.proxy.ModeTestCluster.CLUSTER_IP;
import static io.kpbench.proxy.ModeTestCluster.EXTERNAL_CLIENT;
import static io.kpbench.proxy.ModeTestCluster.LOCAL_POD;
import static io.kpbench.proxy.ModeTestCluster.NODE_A;
import static io.kpbench.proxy.ModeTestCluster.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ServiceType;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 point 8: Cilium 1.19's wildcard service entries and {@code drop_traffic_to_virtual_ips} (PR #40684;
 * {@code bpf/lib/lb.h lookup_virtual_service_v4}, {@code bpf_reconciler.go upsertWildcard}, the BPF tests that set
 * {@code ENABLE_DROP_VIRTUAL_IP_TRAFFIC}): a packet to a ClusterIP or LB VIP on a port no service uses is dropped.
 */
class DropVirtualIpTrafficTest {
    private static final IpAddress VIP = IpAddress.parse("198.51.100.10");

    private static EbpfDataPlane plane(EbpfConfig cfg) {
        EbpfDataPlane p = new EbpfDataPlane(ModeTestCluster.nodeConfig(), IpFamily.IPv4, cfg);
        p.sync(new ModeTestCluster().type(ServiceType.LoadBalancer).vip(VIP.toString()).remoteEndpoints(2).build());
        return p;
    }

    @Test
    @DisplayName("with wildcard entries a ClusterIP or LB VIP on a port no service uses is dropped for every "
            + "client (lookup_virtual_service_v4), other addresses stay untouched")
    void withWildcardEntriesAVirtualIpOnAnUnusedPortIsDropped() {
        EbpfDataPlane p = plane(EbpfConfig.defaults().withDropVirtualIPTraffic(true));
        for (IpAddress src : new IpAddress[] {EXTERNAL_CLIENT, LOCAL_POD}) {
            for (IpAddress vip : new IpAddress[] {CLUSTER_IP, VIP}) {
                long c = p.classify(packet(src, vip, 8080), 0, 0);
                assertEquals(Verdict.DROP, Classification.verdict(c), src + " -> " + vip + ":8080");
                assertEquals(2, Classification.work(c), "service miss, wildcard hit in the external scope");
                assertEquals(Verdict.DROP, p.explain(packet(src, vip, 8080)).verdict());
            }
        }
        long other = p.classify(packet(EXTERNAL_CLIENT, IpAddress.parse("198.51.100.99"), 80), 0, 0);
        assertEquals(Verdict.NONE, Classification.verdict(other));
        assertEquals(3, Classification.work(other), "service miss, wildcard miss in both scopes");
        assertEquals(Verdict.NONE, Classification.verdict(p.classify(packet(EXTERNAL_CLIENT, NODE_A, 22), 0, 0)),
                "a node address gets no wildcard entry");
        assertEquals(Verdict.DNAT, Classification.verdict(p.classify(packet(EXTERNAL_CLIENT, VIP, 80), 0, 0)));
    }

    @Test
    @DisplayName("the default follows the pinned Cilium 1.15, which has no wildcard entries: the unused port is left "
            + "alone")
    void theDefaultLeavesAnUnusedPortOfAVirtualIpAlone() {
        EbpfDataPlane p = plane(EbpfConfig.defaults());
        assertFalse(p.config().dropVirtualIPTraffic());
        long c = p.classify(packet(EXTERNAL_CLIENT, VIP, 8080), 0, 0);
        assertEquals(Verdict.NONE, Classification.verdict(c));
        assertEquals(1, Classification.work(c));
        assertFalse(p.render().contains("/ANY"), p.render());
    }

    @Test
    @DisplayName("the BPF map dump shows one wildcard entry per virtual IP as Cilium 1.19 prints it")
    void theMapDumpShowsTheWildcardEntries() {
        EbpfDataPlane p = plane(EbpfConfig.defaults().withDropVirtualIPTraffic(true));
        String dump = p.render();
        assertTrue(dump.contains("10.96.0.10:0/ANY        0.0.0.0:0 (0) (0) [ClusterIP, non-routable]\n"), dump);
        assertTrue(dump.contains("198.51.100.10:0/ANY     0.0.0.0:0 (0) (0) [LoadBalancer, non-routable]\n"), dump);
        assertEquals(Verdict.NONE, Classification.verdict(plane(EbpfConfig.defaults().withDropVirtualIPTraffic(true))
                .classify(packet(LOCAL_POD, IpAddress.parse("10.96.0.11"), 80), 0, 0)),
                "another address of the service CIDR has no entry");
    }
}
