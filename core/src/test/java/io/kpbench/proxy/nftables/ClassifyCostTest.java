package io.kpbench.proxy.nftables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.cluster;
import static io.kpbench.proxy.ModeTestCluster.nftablesFakeNode;
import static io.kpbench.proxy.ModeTestCluster.slice;
import static io.kpbench.proxy.ModeTestCluster.svc;
import static io.kpbench.proxy.ModeTestCluster.synced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.AllocationProbe;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.ModeTestCluster.TestService;
import io.kpbench.proxy.ModeTestCluster.TestSlice;
import io.kpbench.proxy.PacketFlow;
import io.kpbench.proxy.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** classify() allocates nothing, and its rules-evaluated count does not grow with the cluster. */
class ClassifyCostTest {

    /** {@code services} NodePort services of {@code endpoints} endpoints; every 10th has ClientIP affinity. */
    static ClusterSnapshot synthetic(int services, int endpoints) {
        List<Service> svcs = new ArrayList<>();
        List<EndpointSlice> slices = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            TestService s = svc("ns", "svc" + i).type(ServiceType.NodePort)
                    .clusterIP(IpAddress.ofV4(0xAC1E_0000 + i + 1).toString()).tcp("p80", 80, 30000 + i);
            svcs.add((i % 10 == 9 ? s.affinity(10800) : s).build());
            TestSlice e = slice("ns", "svc" + i, 1).tcp("p80", 8080);
            for (int k = 0; k < endpoints; k++) {
                e.ep(IpAddress.ofV4(0x0A00_0000 + (i << 8) + k + 1).toString(), k % 3 == 0 ? FAKE_NODE : "n2");
            }
            slices.add(e.build());
        }
        return cluster(svcs, slices);
    }

    private static long rulesFor(NftablesDataPlane p, FiveTuple t) {
        return Classification.work(p.classify(t, 0L, 12345L));
    }

    @Test
    void rulesPerPacketDoNotGrowWithTheNumberOfServices() {
        FiveTuple pod = new FiveTuple();
        FiveTuple ext = new FiveTuple();
        FiveTuple miss = new FiveTuple();
        long[] clusterIp = new long[4];
        int idx = 0;
        for (int services : new int[] {10, 100, 1000, 10000}) {
            NftablesDataPlane p = synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4),
                    synthetic(services, 4));
            pod.set(IpAddress.parse("10.200.0.2"), 1000, IpAddress.ofV4(0xAC1E_0000 + services / 2 + 1), 80,
                    io.kpbench.net.Protocol.TCP);
            ext.set(IpAddress.parse(PacketFlow.EXT), 1000, IpAddress.parse(PacketFlow.NODE_IP),
                    30000 + services / 2 + 1, io.kpbench.net.Protocol.TCP);
            miss.set(IpAddress.parse("10.200.0.2"), 1000, IpAddress.parse("172.30.255.254"), 80,
                    io.kpbench.net.Protocol.TCP);
            clusterIp[idx++] = rulesFor(p, pod);
            System.out.printf("nftables %5d services x 4 endpoints: ClusterIP %d rules, NodePort %d, unallocated %d%n",
                    services, rulesFor(p, pod), rulesFor(p, ext), rulesFor(p, miss));
        }
        for (long r : clusterIp) {
            assertEquals(clusterIp[0], r);
        }
    }

    @Test
    void classifyAllocatesNothingAfterWarmUp() {
        NftablesDataPlane p = synced(new NftablesDataPlane(nftablesFakeNode(), IpFamily.IPv4), synthetic(200, 8));
        FiveTuple[] packets = new FiveTuple[64];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = new FiveTuple().setV4(0x0AC8_0000 + i, 1000 + i, 0xAC1E_0000 + (i * 3 % 200) + 1, 80, 6);
        }
        long allocated = AllocationProbe.allocatedBytes(p, packets);
        assertTrue(allocated < 1024, allocated + " bytes allocated by 100k classifies");
        assertTrue(Classification.verdict(p.classify(packets[0], 0, 0)) == Verdict.DNAT);
    }
}
