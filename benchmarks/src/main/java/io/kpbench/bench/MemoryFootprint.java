package io.kpbench.bench;

import io.kpbench.proxy.DataPlane;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.ebpf.EbpfConfig;
import io.kpbench.proxy.ebpf.EbpfDataPlane;
import io.kpbench.proxy.ebpf.maglev.MaglevTable;
import io.kpbench.proxy.ebpf.maps.LbMapBytes;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The heap each mode's data plane retains after a full sync, per scale, written to {@code memory.csv}
 * ({@value #HEADER}); not a JMH benchmark.
 *
 * <p>A scale is {@code services x endpoints}, optionally {@code :TYPE} (ClusterIP, NodePort or LoadBalancer;
 * ClusterIP when absent). {@code type} is the services' type. The eBPF rows also carry the BPF maps' bytes as
 * Cilium lays them out ({@link LbMapBytes}): {@code bpfMapBytes} in all, {@code maglevBytes} of it in Maglev
 * tables, and {@code frontends}, the rev-NAT ids (every ClusterIP, NodePort address, LB VIP and external IP
 * port); {@code selection} is {@code random} or {@code maglev}, and the other modes leave these four empty. A typed
 * scale also measures eBPF with Maglev, so that the file shows what issue 17 point 7 is about: Cilium keeps one
 * Maglev table per frontend (Cilium 1.18 {@code pkg/loadbalancer/reconciler/bpf_reconciler.go}
 * {@code useMaglev}), M x 4 B each, so a NodePort or LoadBalancer service costs a table per node address and VIP
 * where a ClusterIP service (without {@code bpf-lb-external-clusterip}) costs none.
 *
 * <p>Mechanism: heap used after forced full collections ({@link System#gc()} until the figure settles, under
 * the parallel collector), measured with the cluster snapshot already built and held, then again after
 * creating and fully syncing the data plane while it is still reachable; the difference is what the data plane
 * retains, including anything it keeps from the sync (rule text, name caches). Run in its own JVM with the
 * benchmark forks' collector and an 8 GiB heap by {@link Experiments}; {@code args}: output CSV, then scales as
 * {@code services x endpoints}, e.g. {@code 1000x10}.
 */
public final class MemoryFootprint {
    static final String HEADER = "mode,services,endpoints,retainedBytes,bytesPerService,bytesPerEndpoint,type,"
            + "selection,frontends,bpfMapBytes,maglevBytes";

    private MemoryFootprint() {
    }

    /** Measures every available mode at every scale in {@code args[1..]} and writes {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        List<String> rows = new ArrayList<>();
        BenchInput in = BenchInput.current();
        List<String> scales = List.of(args).subList(1, args.length);
        if (in.given()) {
            String endpoints = in.params().get("endpoints").get(0);
            scales = in.params().get("services").stream().map(n -> n + "x" + endpoints).toList();
        }
        for (String scale : scales) {
            String[] st = scale.split(":");
            String[] se = st[0].split("x");
            int services = Integer.parseInt(se[0]);
            int endpoints = Integer.parseInt(se[1]);
            boolean typed = st.length > 1;
            // the given cluster's rows have no type: a mix of types, and the curve of the run
            String type = typed ? st[1] : in.given() ? "" : "ClusterIP";
            BenchCluster c = typed ? BenchCluster.of(services, endpoints, type)
                    : BenchCluster.clusterIp(services, endpoints);
            for (ProxyMode mode : ProxyMode.values()) {
                if (!mode.available()) {
                    continue;
                }
                rows.add(row(mode, c, services, endpoints, type, () -> c.newDataPlane(mode)));
                if (mode == ProxyMode.EBPF && typed) {
                    rows.add(row(mode, c, services, endpoints, type, () -> new EbpfDataPlane(c.node(),
                            IpFamily.IPv4, EbpfConfig.defaults().withMaglev(MaglevTable.DEFAULT_SIZE)
                                    .withLbMapMax(BenchCluster.ebpfLbMapMax(c.snapshot())))));
                }
            }
            Reference.reachabilityFence(c);
        }
        Path out = Path.of(args[0]);
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            for (String r : rows) {
                w.write(r + "\n");
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * One row: the heap a new data plane ({@code make}) retains once synced with {@code c}, measured from before
     * it was made, and its BPF maps when it is eBPF.
     */
    private static String row(ProxyMode mode, BenchCluster c, int services, int endpoints, String type,
            Supplier<DataPlane> make) {
        long before = settledHeap();
        DataPlane dp = make.get();
        dp.sync(c.snapshot());
        long retained = Math.max(0, settledHeap() - before);
        String bpf = ",,,";
        if (dp instanceof EbpfDataPlane e) {
            LbMapBytes b = e.bpfMapBytes();
            bpf = (e.config().algorithm() == EbpfConfig.Algorithm.MAGLEV ? "maglev" : "random") + ","
                    + b.frontends() + "," + b.total() + "," + b.maglev();
        }
        Reference.reachabilityFence(dp);
        String r = String.format(Locale.ROOT, "%s,%d,%d,%d,%.1f,%.1f,%s,%s", mode.name(), services, endpoints,
                retained, retained / (double) services, retained / ((double) services * endpoints), type, bpf);
        System.out.println("memory: " + r);
        return r;
    }

    /** Heap used after full collections, repeated until two readings agree within 1%. */
    private static long settledHeap() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            System.gc();
            long used = mx.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) <= used / 100) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
