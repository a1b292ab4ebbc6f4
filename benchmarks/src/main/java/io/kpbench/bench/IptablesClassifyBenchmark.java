package io.kpbench.bench;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.iptables.IptablesProxier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The iptables mode's linear walk: one NEW ClusterIP packet per call, destinations uniform over the service
 * ports (seeded, shuffled), 10 endpoints per service. The {@code rules} counter reports rules evaluated per packet,
 * so that time per rule is {@code score / rules}.
 */
@State(Scope.Thread)
public class IptablesClassifyBenchmark extends BenchmarkDefaults {
    private static final int PACKETS = 1 << 14;

    @Param({"1000", "10000", "30000"})
    int services;

    IptablesProxier proxier;
    FiveTuple[] packets;
    int next;
    long random = 0x2545_F491_4F6C_DD1DL;

    /** Rules evaluated per classified packet, as a JMH auxiliary counter. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Walked {
        /** Rules evaluated (normalised per operation by JMH). */
        public long rules;
    }

    /** Generates and syncs the cluster, then builds the shuffled packets and primes every path. */
    @Setup(Level.Trial)
    public void setUp() {
        ClusterSnapshot c = SyntheticCluster.generate(SyntheticSpec.parse("services=" + services
                + ",endpoints=10,udp=0,seed=42"));
        NodeConfig node = NodeConfig.of("node-0001", List.of(IpAddress.parse("172.18.0.2")));
        proxier = new IptablesProxier(node, IpFamily.IPv4);
        proxier.sync(c);
        List<long[]> targets = new ArrayList<>();
        for (Service s : c.services().values()) {
            for (ServicePort p : s.ports()) {
                targets.add(new long[] {s.clusterIP().hi(), s.clusterIP().lo(), p.port(), p.protocol().number()});
            }
        }
        Random rng = new Random(42);
        packets = new FiveTuple[PACKETS];
        for (int i = 0; i < PACKETS; i++) {
            long[] t = targets.get(rng.nextInt(targets.size()));
            packets[i] = new FiveTuple().setV4(IpAddress.parse("10.244.1.5").v4(), 20000 + (i & 0x7FFF),
                    (int) t[1], (int) t[2], (int) t[3]);
        }
        Collections.shuffle(java.util.Arrays.asList(packets), rng);
        for (int i = 0; i < PACKETS; i++) {
            proxier.classify(packets[i], i, i * 0x9E37_79B9_7F4A_7C15L);
        }
    }

    /** Classifies the next packet. */
    @Benchmark
    public long classify(Walked walked) {
        FiveTuple p = packets[next++ & (PACKETS - 1)];
        random += 0x9E37_79B9_7F4A_7C15L;
        long before = proxier.rulesEvaluated();
        long r = proxier.classify(p, 0L, random);
        walked.rules += proxier.rulesEvaluated() - before;
        return r;
    }
}
