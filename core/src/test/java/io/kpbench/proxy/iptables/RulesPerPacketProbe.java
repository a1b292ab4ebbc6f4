package io.kpbench.proxy.iptables;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.SyncStats;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A manual probe (not a test): rules evaluated per NEW packet and sync size for growing clusters. */
final class RulesPerPacketProbe {
    private RulesPerPacketProbe() {
    }

    public static void main(String[] args) {
        int[][] sizes = {{100, 1}, {1000, 1}, {1000, 10}, {10000, 1}, {10000, 10}};
        for (int[] s : sizes) {
            probe(s[0], s[1]);
        }
    }

    static void probe(int services, int endpoints) {
        List<Service> svcs = new ArrayList<>();
        List<EndpointSlice> slices = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            String ip = "172.30." + (i / 250) + "." + (i % 250 + 1);
            svcs.add(Fixtures.svc("ns", "s" + i).type(i % 10 == 0 ? ServiceType.NodePort : ServiceType.ClusterIP)
                    .ip(ip).port("http", Protocol.TCP, 80, 8080, i % 10 == 0 ? 30000 + i / 10 : 0).build());
            Endpoint[] eps = new Endpoint[endpoints];
            for (int k = 0; k < endpoints; k++) {
                int n = i * endpoints + k;
                eps[k] = Fixtures.ep("10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255));
            }
            slices.add(Fixtures.slice("ns", "s" + i, 1, "http", 8080, eps));
        }
        IptablesProxier p = new IptablesProxier(Fixtures.fakeNode(), IpFamily.IPv4);
        long t0 = System.nanoTime();
        SyncStats st = p.sync(ClusterSnapshot.of(svcs, slices, List.of()));
        long syncMs = (System.nanoTime() - t0) / 1_000_000;
        SplittableRandom r = new SplittableRandom(42);
        FiveTuple[] pk = new FiveTuple[4096];
        for (int i = 0; i < pk.length; i++) {
            int s = r.nextInt(services);
            pk[i] = new FiveTuple().set(IpAddress.parse("10.200.0." + (i & 127)), 1000 + i,
                    IpAddress.parse("172.30." + (s / 250) + "." + (s % 250 + 1)), 80, Protocol.TCP);
        }
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += p.classify(pk[i & 4095], i, r.nextLong());
        }
        long before = p.rulesEvaluated();
        int n = 200_000;
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += p.classify(pk[i & 4095], i, r.nextLong());
        }
        long ns = (System.nanoTime() - t1) / n;
        System.out.printf("services=%d endpoints/svc=%d rules=%d restoreLines=%d sync=%dms rules/packet=%.1f "
                + "classify~%dns (sink %d)%n", services, endpoints, p.ruleCount(), st.lines(), syncMs,
                (p.rulesEvaluated() - before) / (double) n, ns, sink & 1);
    }
}
