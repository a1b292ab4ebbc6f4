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
import io.kpbench.proxy.AllocationProbe;
import io.kpbench.proxy.ModeTestCluster;
import org.junit.jupiter.api.Test;

class EbpfAllocationTest {

    static FiveTuple[] packets(int n, int dst, int dport, int srcBase) {
        FiveTuple[] out = new FiveTuple[n];
        for (int i = 0; i < n; i++) {
            out[i] = new FiveTuple().setV4(srcBase + i, 10000 + i, dst, dport, Protocol.TCP.number());
        }
        return out;
    }

    @Test
    void classifyAllocatesNothingOnRandomMaglevAffinityAndWildcardPaths() {
        EbpfDataPlane random = new EbpfDataPlane(ModeTestCluster.nodeConfig(), IpFamily.IPv4,
                EbpfConfig.defaults().withSocketLB(false));
        random.sync(new ModeTestCluster().type(ServiceType.NodePort).affinity(30).remoteEndpoints(50).build());
        EbpfDataPlane maglev = new EbpfDataPlane(ModeTestCluster.nodeConfig(), IpFamily.IPv4,
                EbpfConfig.defaults().withMaglev(16381));
        maglev.sync(new ModeTestCluster().type(ServiceType.NodePort).remoteEndpoints(50).build());
        FiveTuple[] pods = packets(1024, CLUSTER_IP.v4(), 80, LOCAL_POD.v4());
        FiveTuple[] ext = packets(1024, NODE_A.v4(), NODE_PORT, EXTERNAL_CLIENT.v4());
        EbpfDataPlane wildcards = new EbpfDataPlane(ModeTestCluster.nodeConfig(), IpFamily.IPv4,
                EbpfConfig.defaults().withDropVirtualIPTraffic(true));
        wildcards.sync(new ModeTestCluster().remoteEndpoints(5).build());
        FiveTuple[] unusedPort = packets(1024, CLUSTER_IP.v4(), 8080, EXTERNAL_CLIENT.v4());
        long bytes = AllocationProbe.allocatedBytes(random, pods) + AllocationProbe.allocatedBytes(random, ext)
                + AllocationProbe.allocatedBytes(maglev, ext) + AllocationProbe.allocatedBytes(wildcards, unusedPort);
        assertTrue(bytes < 4096, "allocated " + bytes + " bytes in 400k classifications");
    }
}
