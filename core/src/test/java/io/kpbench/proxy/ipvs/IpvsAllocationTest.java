package io.kpbench.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ServiceType;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.Verdict;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpvsAllocationTest {
    @ParameterizedTest
    @ValueSource(strings = {"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "sh", "dh", "sed", "nq", "mh"})
    void classifyAllocatesNothingAfterWarmUp(String scheduler) {
        List<ModeTestCluster> svcs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ModeTestCluster s = Fixtures.svc().named("ns", "svc" + i).clusterIPs("172.30.1." + i)
                    .type(ServiceType.NodePort).nodePort(30000 + i).affinity(i % 5 == 0 ? 60 : 0);
            svcs.add(s.endpoint("10.180." + i + ".1", Fixtures.NODE).endpoint("10.180." + i + ".2", null));
        }
        IpvsDataPlane p = new IpvsDataPlane(Fixtures.node(), io.kpbench.net.IpFamily.IPv4,
                IpvsConfig.defaults().withScheduler(scheduler).withMhTableSize(251));
        p.sync(ModeTestCluster.of(svcs));
        FiveTuple t = new FiveTuple();
        int node = IpAddress.parse("192.168.0.2").v4();
        run(p, t, node, 0, 200_000);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        long sink = run(p, t, node, 200_000, 100_000);
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 2048, scheduler + ": allocated " + allocated + " bytes (sink " + sink + ")");
    }

    private static long run(IpvsDataPlane p, FiveTuple t, int node, int from, int n) {
        long sink = 0;
        int vipBase = IpAddress.parse("172.30.1.0").v4();
        for (int i = from; i < from + n; i++) {
            int src = 0x0A000000 + (i * 7919 & 0xFFFF);
            switch (i & 3) {
                case 0 -> t.setV4(src, 1024 + (i & 0x7FFF), vipBase + (i % 50), 80, 6);
                case 1 -> t.setV4(0xCB007102, 1024 + (i & 0x7FFF), node, 30000 + (i % 50), 6);
                case 2 -> t.setV4(src, 1024 + (i & 0x7FFF), vipBase + (i % 50), 81, 6);
                default -> t.setV4(src, 1024 + (i & 0x7FFF), vipBase + 200, 80, 6);
            }
            sink += p.classify(t, i * 1_000_000_000L, i);
        }
        return sink;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "sh", "dh", "sed", "nq", "mh"})
    void ipv6ClassifyAllocatesNothingAfterWarmUp(String scheduler) {
        List<ModeTestCluster> svcs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ModeTestCluster s = Fixtures.svc6().named("ns", "svc" + i)
                    .clusterIPs("2020::1:" + Integer.toHexString(i)).type(ServiceType.NodePort).nodePort(30000 + i)
                    .affinity(i % 5 == 0 ? 60 : 0);
            svcs.add(s.endpoint("fd00:10::" + Integer.toHexString(i) + ":1", Fixtures.NODE)
                    .endpoint("fd00:10::" + Integer.toHexString(i) + ":2", null));
        }
        IpvsDataPlane p = new IpvsDataPlane(Fixtures.node6(), IpFamily.IPv6,
                IpvsConfig.defaults().withScheduler(scheduler).withMhTableSize(251));
        p.sync(ModeTestCluster.of(svcs));
        FiveTuple t = new FiveTuple();
        t.set(0xfd00_0010_0000_0000L, 5, 1024, 0x2020_0000_0000_0000L, 0x1_0000L, 80, 6);
        assertEquals(Verdict.DNAT, Classification.verdict(p.classify(t, 0, 0)), "the loop's packets reach services");
        run6(p, t, 0, 200_000);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        long sink = run6(p, t, 200_000, 100_000);
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 2048, scheduler + ": allocated " + allocated + " bytes (sink " + sink + ")");
    }

    private static long run6(IpvsDataPlane p, FiveTuple t, int from, int n) {
        long sink = 0;
        long vipHi = 0x2020_0000_0000_0000L;
        long vipLo = 0x0000_0000_0001_0000L;
        long podHi = 0xfd00_0010_0000_0000L;
        long nodeHi = 0x2001_0db8_0000_0000L;
        long nodeLo = 0x0000_0000_0001_0001L;
        for (int i = from; i < from + n; i++) {
            long src = i * 7919L & 0xFFFF;
            int sport = 1024 + (i & 0x7FFF);
            switch (i & 3) {
                case 0 -> t.set(podHi, src, sport, vipHi, vipLo + i % 50, 80, 6);
                case 1 -> t.set(0x2001_0db8_ffffL << 16, 7, sport, nodeHi, nodeLo, 30000 + i % 50, 6);
                case 2 -> t.set(podHi, src, sport, vipHi, vipLo + i % 50, 81, 6);
                default -> t.set(podHi, src, sport, vipHi, vipLo + 200, 80, 6);
            }
            sink += p.classify(t, i * 1_000_000_000L, i);
        }
        return sink;
    }
}
