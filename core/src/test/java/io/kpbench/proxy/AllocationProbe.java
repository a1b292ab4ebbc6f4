package io.kpbench.proxy;

import io.kpbench.net.FiveTuple;
import java.lang.management.ManagementFactory;

/** Measures what {@link DataPlane#classify} allocates, with {@code com.sun.management.ThreadMXBean}. */
public final class AllocationProbe {
    private AllocationProbe() {
    }

    /** Bytes this thread allocated classifying 100k packets, after 200k warm-up calls. */
    public static long allocatedBytes(DataPlane p, FiveTuple[] packets) {
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
        if (sink == 42) {
            throw new AssertionError("unlikely sink value");
        }
        return after - before;
    }
}
