package io.kpbench.lab;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;

/**
 * The model's side of a lab cell: classifies the lab's first packet to a target with the mode's
 * {@link DataPlane} in-process, and reports the rules it evaluated and a rough time per classify (a warmed
 * loop, not a JMH benchmark; the benchmarks module has the careful figures).
 *
 * @param rulesEvaluated rules (or lookups) evaluated per classify
 * @param nsPerClassify mean nanoseconds per classify
 */
record ModelProbe(double rulesEvaluated, double nsPerClassify) {
    static ModelProbe measure(DataPlane dp, LabCluster.Target t, int services) {
        FiveTuple p = new FiveTuple();
        IpAddress src = IpAddress.parse(Topology.CLIENT_IP);
        IpAddress dst = IpAddress.parse(t.clusterIp());
        int iters = (int) Math.max(2_000, Math.min(200_000, 20_000_000L / Math.max(1, services)));
        long sink = 0;
        for (int i = 0; i < iters; i++) {
            p.set(src, 1024 + (i & 0x7fff), dst, t.port(), Protocol.TCP);
            sink += dp.classify(p, i, i * 0x9E3779B97F4A7C15L);
        }
        long rules = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < iters; i++) {
            p.set(src, 1024 + (i & 0x7fff), dst, t.port(), Protocol.TCP);
            long r = dp.classify(p, i, i * 0x9E3779B97F4A7C15L);
            rules += Classification.work(r);
            sink += r;
        }
        long dt = System.nanoTime() - t0;
        if (sink == 42) {
            System.out.print("");
        }
        return new ModelProbe((double) rules / iters, (double) dt / iters);
    }

    /** The operations the model counts for one first packet from the lab's client to {@code t}. */
    static int count(DataPlane dp, LabCluster.Target t) {
        FiveTuple p = new FiveTuple();
        p.set(IpAddress.parse(Topology.CLIENT_IP), 1024, IpAddress.parse(t.clusterIp()), t.port(), Protocol.TCP);
        return Classification.work(dp.classify(p, 0, 0));
    }
}
