package io.kpbench.proxy.ebpf;

import static io.kpbench.proxy.ModeTestCluster.NODE_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kpbench.cluster.ServiceType;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ebpf.maglev.MaglevTable;
import io.kpbench.proxy.ebpf.maps.LbMapBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 point 7: Cilium keeps one Maglev table per frontend address, keyed by its rev-NAT id (Cilium 1.15
 * {@code lbmap.UpdateMaglev}; Cilium 1.19 {@code pkg/loadbalancer/reconciler/bpf_reconciler.go} {@code useMaglev},
 * {@code updateMaglev}), so Maglev memory and rebuild work grow with the frontends, not the service ports.
 */
class MaglevPerFrontendTest {
    private static final int M = 251;

    private static EbpfDataPlane plane(NodeConfig node, EbpfConfig cfg, ModeTestCluster c) {
        EbpfDataPlane p = new EbpfDataPlane(node, IpFamily.IPv4, cfg);
        p.sync(c.build());
        return p;
    }

    /** A node with {@code n} addresses (192.168.0.1, .11, .12, ...), all NodePort addresses. */
    private static NodeConfig node(int n) {
        List<IpAddress> ips = new ArrayList<>(List.of(NODE_A));
        for (int i = 1; i < n; i++) {
            ips.add(IpAddress.parse("192.168.0." + (10 + i)));
        }
        return NodeConfig.of(ModeTestCluster.THIS_NODE, ips).withClusterCIDRs(List.of(Cidr.parse("10.244.0.0/16")));
    }

    private static ModeTestCluster loadBalancer(int vips) {
        ModeTestCluster c = new ModeTestCluster().type(ServiceType.LoadBalancer).externalIP("198.51.100.200")
                .remoteEndpoints(5);
        for (int i = 0; i < vips; i++) {
            c.vip("198.51.100." + (10 + i));
        }
        return c;
    }

    /** The Maglev table of each live external-scope frontend, by its address text. */
    private static Map<String, MaglevTable> tables(EbpfDataPlane p) {
        EbpfTables t = p.tables();
        Map<String, MaglevTable> out = new TreeMap<>();
        for (int fe : t.liveFrontends()) {
            out.put(EbpfRenderer.frontend(t, fe), t.maglev[fe]);
        }
        return out;
    }

    @Test
    @DisplayName("every NodePort address, LB VIP and external IP owns a Maglev table, the 0.0.0.0 NodePort entry "
            + "and the ClusterIP none (bpf_reconciler.go useMaglev)")
    void everyNodePortAddressLbVipAndExternalIpOwnsAMaglevTable() {
        EbpfDataPlane p = plane(node(2), EbpfConfig.defaults().withMaglev(M), loadBalancer(2));
        Map<String, MaglevTable> tables = tables(p);
        assertNull(tables.get("0.0.0.0:30080/TCP"), "the surrogate is never looked up from outside");
        assertNull(tables.get("10.96.0.10:80/TCP"), "bpf-lb-external-clusterip=false");
        List<MaglevTable> owned = new ArrayList<>();
        for (String fe : List.of("192.168.0.1:30080/TCP", "192.168.0.11:30080/TCP", "198.51.100.10:80/TCP",
                "198.51.100.11:80/TCP", "198.51.100.200:80/TCP")) {
            MaglevTable m = tables.get(fe);
            assertNotNull(m, fe + " in " + tables.keySet());
            for (MaglevTable other : owned) {
                assertNotSame(other, m, fe + " shares a table with another frontend");
            }
            owned.add(m);
        }
        assertEquals(5L * 5 * M, p.tables().maglevBuildWork, "pkg/maglev: N·M per frontend, 5 frontends");
    }

    @Test
    @DisplayName("the BPF map bytes of a LoadBalancer service grow by one Maglev table (M × 4 B) per VIP and per "
            + "node address, counted from Cilium's map layouts")
    void maglevBytesGrowWithTheFrontendsOfLoadBalancerAndNodePortServices() {
        EbpfConfig cfg = EbpfConfig.defaults().withMaglev(MaglevTable.DEFAULT_SIZE);
        LbMapBytes one = plane(node(1), cfg, loadBalancer(1)).bpfMapBytes();
        LbMapBytes threeVips = plane(node(1), cfg, loadBalancer(3)).bpfMapBytes();
        LbMapBytes threeNodeIps = plane(node(3), cfg, loadBalancer(1)).bpfMapBytes();
        long table = 16381L * 4 + 4 + 4 + 4;
        assertEquals(3, one.maglevTables(), "node address, VIP, external IP");
        assertEquals(3 * table, one.maglev());
        assertEquals(2 * table, threeVips.maglev() - one.maglev(), "two more VIPs, two more tables");
        assertEquals(2 * table, threeNodeIps.maglev() - one.maglev(), "two more node addresses, two more tables");
        assertEquals(2 * (6 * (12 + 12) + 8), threeVips.total() - one.total() - 2 * table,
                "each VIP also adds a master and 5 slots of 24 B and a rev-NAT entry of 8 B");
        LbMapBytes random = plane(node(3), EbpfConfig.defaults(), loadBalancer(3)).bpfMapBytes();
        assertEquals(0, random.maglev(), "random selection keeps no Maglev tables");
    }
}
