package io.kpbench.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.ProxyMode;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The established journey (LB, node conntrack fast path, pod, reply de-NAT through node and LB) allocates nothing,
 * and neither does an established IPv6 one (a pod to an IPv6 ClusterIP on another node, and back).
 */
class JourneyAllocationTest {
    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void establishedJourneyThroughTheLoadBalancerAllocatesNothing(ProxyMode mode) {
        ClusterPath cp = SeedJourneyTest.seed(mode, new SeedCluster());
        PacketPath engine = cp.engine();
        int client = IpAddress.parse(ClusterPath.CLIENT_IP).v4();
        int lb = cp.loadBalancer().hostnames().get(SeedCluster.LB_HOST).v4();
        int tcp = Protocol.TCP.number();
        for (int port = 40000; port < 40064; port++) {
            engine.journey(client, port, lb, 80, tcp, 1_000_000L, port * 0x9E3779B97F4A7C15L);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += engine.journey(client, 40000 + (i & 63), lb, 80, tcp, 2_000_000L + i, i);
        }
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 50_000; i++) {
            sink += engine.journey(client, 40000 + (i & 63), lb, 80, tcp, 3_000_000_000L + i, i);
        }
        long after = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        assertEquals(JourneyResult.Outcome.REPLIED,
                JourneyResult.outcome(engine.journey(client, 40000, lb, 80, tcp, 4_000_000_000L, 0)));
        // Below one byte per journey: nothing per packet (a few hundred one-off bytes from JIT deoptimisation or
        // a first-seen endpoint id may land in the window).
        long bytes = after - before;
        assertTrue(bytes < 4_096, bytes + " bytes allocated by 50k established journeys (sink " + sink + ")");
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void establishedIpv6JourneyAllocatesNothing(ProxyMode mode) {
        PacketPath engine = DualStackJourneyTest.dualStack(mode).engine();
        IpAddress pod = IpAddress.parse("fd00:10:244:1::64");
        IpAddress svc = IpAddress.parse("fd00:10:96::53");
        int udp = Protocol.UDP.number();
        for (int port = 40000; port < 40064; port++) {
            engine.journey6(pod.hi(), pod.lo(), port, svc.hi(), svc.lo(), 53, udp, 1_000_000L, port);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += engine.journey6(pod.hi(), pod.lo(), 40000 + (i & 63), svc.hi(), svc.lo(), 53, udp,
                    2_000_000L + i, i);
        }
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 50_000; i++) {
            sink += engine.journey6(pod.hi(), pod.lo(), 40000 + (i & 63), svc.hi(), svc.lo(), 53, udp,
                    3_000_000L + i, i);
        }
        long after = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        long r = engine.journey6(pod.hi(), pod.lo(), 40000, svc.hi(), svc.lo(), 53, udp, 4_000_000L, 0);
        assertEquals(JourneyResult.Outcome.REPLIED, JourneyResult.outcome(r));
        assertTrue(JourneyResult.has(r, JourneyResult.FAST_PATH) && JourneyResult.has(r, JourneyResult.IPV6));
        long bytes = after - before;
        assertTrue(bytes < 4_096, bytes + " bytes allocated by 50k established IPv6 journeys (sink " + sink + ")");
    }
}
