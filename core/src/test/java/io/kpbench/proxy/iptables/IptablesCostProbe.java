package io.kpbench.proxy.iptables;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.SyncStats;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A manual probe (not a test): {@code <services> [endpoints] [reps]} prints full and one-endpoint partial sync
 * times, then classify cost for uniformly spread ClusterIP packets in thread CPU time, which a loaded machine
 * inflates far less than wall time. Medians over {@code reps}.
 */
final class IptablesCostProbe {
    private IptablesCostProbe() {
    }

    public static void main(String[] args) {
        int services = Integer.parseInt(args[0]);
        int endpoints = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ClusterSnapshot c = SyntheticCluster.generate(SyntheticSpec.parse("services=" + services + ",endpoints="
                + endpoints + ",udp=0,seed=42"));
        long[] full = new long[reps];
        long[] fullCpu = new long[reps];
        long[] partial = new long[reps];
        IptablesProxier p = null;
        SyncStats fs = null;
        SyncStats ps = null;
        for (int i = 0; i < reps; i++) {
            p = new IptablesProxier(Fixtures.fakeNode(), IpFamily.IPv4);
            long cpu = mx.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            fs = p.sync(c);
            full[i] = System.nanoTime() - t;
            fullCpu[i] = mx.getCurrentThreadCpuTime() - cpu;
            EndpointSlice s = c.slices().values().iterator().next();
            ChangeSet ch = ChangeSet.builder().updateSlice(new EndpointSlice(s.ref(), s.serviceName(), s.addressType(),
                    s.ports(), s.endpoints().subList(1, s.endpoints().size()))).build();
            ClusterSnapshot after = c.apply(ch);
            t = System.nanoTime();
            ps = p.sync(after, ch);
            partial[i] = System.nanoTime() - t;
        }
        System.out.printf("services=%d endpoints=%d rules=%d | full sync %d ms wall, %d ms cpu (%s) | partial %d ms"
                + " (%s)%n", services, endpoints, p.ruleCount(), median(full) / 1_000_000,
                median(fullCpu) / 1_000_000, fs, median(partial) / 1_000_000, ps);
        p.sync(c);
        List<FiveTuple> packets = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(42);
        List<Service> svcs = new ArrayList<>(c.services().values());
        for (int i = 0; i < 4096; i++) {
            Service s = svcs.get(rng.nextInt(svcs.size()));
            ServicePort sp = s.ports().get(0);
            packets.add(new FiveTuple().setV4(IpAddress.parse("10.244.1.5").v4(), 20000 + i, s.clusterIP().v4(),
                    sp.port(), sp.protocol().number()));
        }
        FiveTuple[] pk = packets.toArray(new FiveTuple[0]);
        long sink = 0;
        int n = Math.max(2_000, 20_000_000 / services);
        double[] nsPerPacket = new double[reps];
        double rules = 0;
        for (int i = 0; i < reps + 2; i++) {
            long before = p.rulesEvaluated();
            long cpu = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < n; k++) {
                sink += p.classify(pk[k & 4095], k, k * 0x9E37_79B9_7F4A_7C15L);
            }
            if (i >= 2) {
                nsPerPacket[i - 2] = (mx.getCurrentThreadCpuTime() - cpu) / (double) n;
                rules = (p.rulesEvaluated() - before) / (double) n;
            }
        }
        Arrays.sort(nsPerPacket);
        double med = nsPerPacket[reps / 2];
        System.out.printf("classify: %.0f ns cpu/packet, %.1f rules/packet, %.2f ns/rule (sink %d)%n", med, rules,
                med / rules, sink & 1);
    }

    private static long median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
