package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.manifest.LoadOptions;
import io.kpbench.cluster.manifest.ManifestLoader;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.Verdict;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cluster's own traffic: each {@link ServicePath} is hit from where, and to what, the issue says. */
class ClusterTrafficTest {
    private static final int SIZE = 1 << 12;

    private static BenchCluster eks() {
        ClusterSnapshot c = ManifestLoader.load(List.of(BenchInputTest.EKS), InputStream.nullInputStream(),
                LoadOptions.defaults()).snapshot();
        return new BenchCluster(c, BenchCluster.nodeConfig(c, ""));
    }

    private static Set<Integer> podsOn(ClusterSnapshot c, String node) {
        Set<Integer> out = new HashSet<>();
        for (EndpointSlice s : c.slices().values()) {
            for (Endpoint e : s.endpoints()) {
                if (node.equals(e.nodeName()) && e.address().isV4()) {
                    out.add(e.address().v4());
                }
            }
        }
        return out;
    }

    private static int nodeIp(BenchCluster c) {
        return c.node().primaryIP(IpFamily.IPv4).v4();
    }

    @Test
    void clusterIpPacketsGoFromAPodOnTheMeasuredNodeToAClusterIp() {
        BenchCluster c = eks();
        Set<Integer> pods = podsOn(c.snapshot(), c.node().nodeName());
        Set<Integer> clusterIps = new HashSet<>();
        c.snapshot().services().values().forEach(s -> s.clusterIPs().forEach(ip -> clusterIps.add(ip.v4())));
        assertFalse(pods.isEmpty());
        PacketMix mix = PacketMix.of(c, ServicePath.clusterIP, Traffic.UNIFORM, SIZE, 1);
        FiveTuple t = new FiveTuple();
        for (int i = 0; i < mix.size(); i++) {
            mix.load(i, t);
            assertTrue(pods.contains(t.srcV4()), "source " + IpAddress.ofV4(t.srcV4()) + " is no pod on the node");
            assertTrue(clusterIps.contains(t.dstV4()));
        }
    }

    @Test
    void nodePortPacketsGoFromTheOutsideClientToTheNodeIp() {
        BenchCluster c = eks();
        Set<Integer> nodePorts = new HashSet<>();
        for (Service s : c.snapshot().services().values()) {
            s.ports().forEach(p -> nodePorts.add(p.nodePort()));
        }
        PacketMix mix = PacketMix.of(c, ServicePath.nodePort, Traffic.UNIFORM, SIZE, 1);
        FiveTuple t = new FiveTuple();
        for (int i = 0; i < mix.size(); i++) {
            mix.load(i, t);
            assertEquals(ClusterTargets.CLIENT, t.srcV4());
            assertEquals(nodeIp(c), t.dstV4());
            assertTrue(nodePorts.contains(t.dstPort()) && t.dstPort() >= 30000, "port " + t.dstPort());
        }
    }

    @Test
    void loadBalancerPacketsKeepAVipAndGoToTheNodePortInInstanceMode() {
        BenchCluster c = eks();
        Map<Integer, Integer> vipPorts = new HashMap<>();
        Set<Integer> instanceNodePorts = new HashSet<>();
        for (Service s : c.snapshot().services().values()) {
            for (ServicePort p : s.ports()) {
                boolean vip = false;
                for (LoadBalancerIngress in : s.ingress()) {
                    if (in.ip() != null && in.ip().isV4()) {
                        vipPorts.put(in.ip().v4(), p.port());
                        vip = true;
                    }
                }
                if (!vip && s.type().name().equals("LoadBalancer")) {
                    instanceNodePorts.add(p.nodePort());
                }
            }
        }
        assertFalse(vipPorts.isEmpty() || instanceNodePorts.isEmpty(), "the dump has both kinds of LB");
        PacketMix mix = PacketMix.of(c, ServicePath.loadBalancer, Traffic.UNIFORM, SIZE, 1);
        FiveTuple t = new FiveTuple();
        int toVip = 0;
        int toNode = 0;
        for (int i = 0; i < mix.size(); i++) {
            mix.load(i, t);
            assertEquals(ClusterTargets.CLIENT, t.srcV4());
            if (t.dstV4() == nodeIp(c)) {
                assertTrue(instanceNodePorts.contains(t.dstPort()), "port " + t.dstPort());
                toNode++;
            } else {
                assertEquals(vipPorts.get(t.dstV4()), t.dstPort());
                toVip++;
            }
        }
        assertTrue(toVip > 0 && toNode > 0, toVip + " to a VIP, " + toNode + " to the node");
    }

    @Test
    void externalIpPacketsGoFromTheOutsideClientToAnExternalIp() {
        BenchCluster c = BenchCluster.forPath(50, 2, ServicePath.externalIP);
        Set<Integer> ext = new HashSet<>();
        c.snapshot().services().values().forEach(s -> s.externalIPs().forEach(ip -> ext.add(ip.v4())));
        assertEquals(50, ext.size());
        PacketMix mix = PacketMix.of(c, ServicePath.externalIP, Traffic.UNIFORM, SIZE, 1);
        FiveTuple t = new FiveTuple();
        for (int i = 0; i < mix.size(); i++) {
            mix.load(i, t);
            assertEquals(ClusterTargets.CLIENT, t.srcV4());
            assertTrue(ext.contains(t.dstV4()));
            assertTrue(BenchCluster.EXTERNAL_IPS.contains(IpAddress.ofV4(t.dstV4())));
        }
    }

    @Test
    void theClustersOwnMixHitsEachServiceThroughItsTypesFrontend() {
        BenchCluster c = eks();
        PacketMix mix = PacketMix.of(c, null, Traffic.UNIFORM, SIZE, 1);
        FiveTuple t = new FiveTuple();
        int fromPods = 0;
        int toNode = 0;
        for (int i = 0; i < mix.size(); i++) {
            mix.load(i, t);
            fromPods += t.srcV4() != ClusterTargets.CLIENT ? 1 : 0;
            toNode += t.dstV4() == nodeIp(c) ? 1 : 0;
        }
        assertTrue(fromPods > 0 && toNode > 0 && fromPods + toNode < SIZE, fromPods + " from pods, " + toNode
                + " to the node");
    }

    @ParameterizedTest
    @EnumSource(ServicePath.class)
    void everySyntheticPathsPacketsAreDnatedByEveryMode(ServicePath path) {
        BenchCluster c = BenchCluster.forPath(40, 2, path);
        PacketMix mix = PacketMix.of(c, path, Traffic.ZIPF, 256, 1);
        FiveTuple t = new FiveTuple();
        for (ProxyMode mode : ProxyMode.values()) {
            if (!mode.available()) {
                continue;
            }
            DataPlane dp = c.syncedDataPlane(mode);
            for (int i = 0; i < mix.size(); i++) {
                long r = dp.classify(mix.load(i, t), 1_000_000_000L + i, mix.random(i));
                assertEquals(Verdict.DNAT, Classification.verdict(r), mode + " " + path + " packet " + i);
            }
        }
    }

    @Test
    void aPathTheClusterLacksIsRefusedAndZipfSkewsTheMix() {
        BenchCluster plain = BenchCluster.clusterIp(64, 1);
        assertThrows(IllegalArgumentException.class, () -> PacketMix.of(plain, ServicePath.nodePort,
                Traffic.UNIFORM, SIZE, 1));
        Map<Integer, Integer> uniform = counts(PacketMix.of(plain, null, Traffic.UNIFORM, SIZE, 1));
        Map<Integer, Integer> zipf = counts(PacketMix.of(plain, null, Traffic.ZIPF, SIZE, 1));
        assertNotEquals(max(uniform), max(zipf));
        assertTrue(max(zipf) > 3 * max(uniform), max(zipf) + " vs " + max(uniform));
        assertEquals(PacketMix.SIZE, PacketMix.of(BenchCluster.clusterIp(1000, 1), null, Traffic.UNIFORM,
                PacketMix.SIZE, 1).size(), "the mix keeps its fixed size");
    }

    private static Map<Integer, Integer> counts(PacketMix mix) {
        Map<Integer, Integer> out = new HashMap<>();
        FiveTuple t = new FiveTuple();
        for (int i = 0; i < mix.size(); i++) {
            out.merge(mix.load(i, t).dstV4(), 1, Integer::sum);
        }
        return out;
    }

    private static int max(Map<Integer, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
