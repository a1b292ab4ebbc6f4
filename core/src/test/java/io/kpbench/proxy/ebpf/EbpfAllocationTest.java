package io.kpbench.proxy.ebpf;

import static io.kpbench.proxy.ModeTestCluster.CLUSTER_IP;
import static io.kpbench.proxy.ModeTestCluster.EXTERNAL_CLIENT;
import static io.kpbench.proxy.ModeTestCluster.LOCAL_POD;
import static io.kpbench.proxy.ModeTestCluster.NODE_A;
import static io.kpbench.proxy.ModeTestCluster.NODE_PORT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ServiceType;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ModeTestCluster;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class EbpfAllocationTest {

    /** Bytes allocated by this thread while classifying 100k packets after warm-up. */
    static long allocatedBytes(DataPlane p, FiveTuple[] packets) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += p.classify(packets[i % packets.length], i * 1_000L, i * 0x9E3779B97F4A7C15L);
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            sink += p.classify(packets[i % packets.length], i * 1_000L, i * 0x9E3779B97F4A7C15L);
        }
        long after = mx.getThreadAllocatedBytes(tid);
        assertTrue(sink != 42);
        return after - before;
    }

    static FiveTuple[] packets(int n, int dst, int dport, int srcBase) {
        FiveTuple[] out = new FiveTuple[n];
        for (int i = 0; i < n; i++) {
            out[i] = new FiveTuple().setV4(srcBase + i, 10000 + i, dst, dport, Protocol.TCP.number());
        }
        return out;
    }

    @Test
    void classifyAllocatesNothingOnRandomMaglevAndAffinityPaths() {
        EbpfDataPlane random = new EbpfDataPlane(ModeTestCluster.nodeConfig(), IpFamily.IPv4,
                EbpfConfig.defaults().withSocketLB(false));
        random.sync(new ModeTestCluster().type(ServiceType.NodePort).affinity(30).remoteEndpoints(50).build());
        EbpfDataPlane maglev = new EbpfDataPlane(ModeTestCluster.nodeConfig(), IpFamily.IPv4,
                EbpfConfig.defaults().withMaglev(16381));
        maglev.sync(new ModeTestCluster().type(ServiceType.NodePort).remoteEndpoints(50).build());
        FiveTuple[] pods = packets(1024, CLUSTER_IP.v4(), 80, LOCAL_POD.v4());
        FiveTuple[] ext = packets(1024, NODE_A.v4(), NODE_PORT, EXTERNAL_CLIENT.v4());
        long bytes = allocatedBytes(random, pods) + allocatedBytes(random, ext) + allocatedBytes(maglev, ext);
        assertTrue(bytes < 4096, "allocated " + bytes + " bytes in 300k classifications");
    }
}
