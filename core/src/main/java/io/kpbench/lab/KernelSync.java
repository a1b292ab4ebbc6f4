package io.kpbench.lab;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.iptables.IptablesDataPlane;
import io.kpbench.proxy.nftables.NftablesDataPlane;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Kernel-applied sync cost (issue 16, "Sync cost"): the model's rendered full and one-endpoint partial syncs
 * applied to real netfilter in a lab node namespace, as kube-proxy applies them: {@code iptables-nft-restore} of the
 * full restore and {@code iptables-nft-restore --noflush} of kube-proxy's partial restore (the changed service's
 * chains plus the whole {@code KUBE-SERVICES} chain, {@code pkg/proxy/iptables/proxier.go syncProxyRules}), and
 * {@code nft -f} of the full and the partial transaction ({@code pkg/proxy/nftables/proxier.go}).
 *
 * <p>The cluster is the sync benchmark's shape (ClusterIP services of {@value #ENDPOINTS} endpoints); the partial
 * change is a rolling-update step (one service's first endpoint replaced by a new pod) and its inverse, applied
 * alternately {@value #PARTIALS} times after the full load, the median reported. A time is the wall time of the
 * tool's process run through {@code ip netns exec}, so it includes a process start (a few ms), as kube-proxy's
 * exec of {@code iptables-restore} does. The lab's preflight, namespaces, cleanup and host-unchanged check are
 * used as {@link KernelLab} uses them; nothing runs outside a lab namespace.
 */
public final class KernelSync {
    /** The CSV header of {@code kernel-sync.csv}. */
    public static final String HEADER = "mode,services,kind,lines,ms";
    /** Endpoints per service. */
    static final int ENDPOINTS = 10;
    /** Partial applies per cell (odd: the last one leaves the forward change in place). */
    static final int PARTIALS = 5;
    private static final List<KernelBackend> BACKENDS = List.of(KernelBackend.IPTABLES_NFT, KernelBackend.NFTABLES);

    private KernelSync() {
    }

    /**
     * One applied sync.
     *
     * @param mode the back end's name ({@code iptables-nft}, {@code nftables})
     * @param services the services count
     * @param kind {@code full} or {@code partial}
     * @param lines the lines applied (restore or transaction input)
     * @param ms the apply's wall time (the median of {@value #PARTIALS} for a partial)
     */
    public record Row(String mode, int services, String kind, int lines, double ms) {
        /** The row as a line of {@value #HEADER}. */
        public String csv() {
            return String.format(Locale.ROOT, "%s,%d,%s,%d,%.3f", mode, services, kind, lines, ms);
        }
    }

    /** Null when this machine can apply syncs in a lab namespace, else one line naming what is missing. */
    public static String missing() {
        String m = Preflight.missing(BACKENDS);
        return m == null ? null : m.replace("kernel-lab skipped", "kernel-sync skipped");
    }

    /** Applies full and partial syncs of each back end at each of {@code services}; the host is checked unchanged. */
    public static List<Row> run(List<Integer> services, PrintWriter log) {
        int stale = Topology.cleanLeftovers();
        if (stale > 0) {
            log.println("kernel-sync: removed " + stale + " namespaces left by an earlier run");
        }
        HostRules before = HostRules.capture();
        List<Row> rows = new ArrayList<>();
        try (Topology topo = Topology.create(LabNames.fresh())) {
            Thread hook = new Thread(topo::close, "kernel-sync-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
            for (int n : services) {
                Cell cell = new Cell(n);
                for (KernelBackend b : BACKENDS) {
                    rows.addAll(cell.apply(topo.names().node(), b).rows());
                    log.println("kernel-sync: " + rows.get(rows.size() - 2).csv() + "; " + rows.get(rows.size() - 1).csv());
                }
            }
            Runtime.getRuntime().removeShutdownHook(hook);
        } finally {
            HostRules.capture().checkUnchangedSince(before);
        }
        return rows;
    }

    /** What one back end's cell applied: its two rows and the NAT rules listed back after the last partial. */
    record Applied(List<Row> rows, String listed) {
    }

    /** One cluster size: the cluster, the rolling-update step and its inverse, and the node the model runs on. */
    static final class Cell {
        private final int services;
        private final ClusterSnapshot base;
        private final ClusterSnapshot changed;
        private final ChangeSet forward;
        private final ChangeSet back;
        private final NodeConfig node;
        /** The new pod's address, which the forward change adds. */
        final String newPod;

        Cell(int services) {
            this.services = services;
            this.base = SyntheticCluster.generate(SyntheticSpec.parse("services=" + services + ",endpoints=uniform:"
                    + ENDPOINTS + "-" + ENDPOINTS + ",nodes=4,types=ClusterIP:1,affinity=0,terminating=0,hints=0,"
                    + "udp=0,seed=16"));
            this.node = new NodeConfig("node-0001", List.of(IpAddress.parse(Topology.NODE_IP)), null,
                    List.of(Cidr.parse("10.244.0.0/16")), false, NodeConfig.DEFAULT_MASQUERADE_BIT, List.of(), true,
                    List.of(), true);
            EndpointSlice s = base.slices().values().stream().filter(x -> x.endpoints().size() == ENDPOINTS)
                    .skip(services / 2).findFirst().orElseThrow(() -> new LabException("no service to change"));
            Set<IpAddress> used = new HashSet<>();
            base.slices().values().forEach(x -> x.endpoints().forEach(e -> used.addAll(e.addresses())));
            Endpoint e = s.endpoints().get(0);
            IpAddress ip = e.address();
            for (int k = 1; used.contains(ip); k++) {
                ip = IpAddress.ofV4(e.address().v4() + k * 0x100);
            }
            List<Endpoint> eps = new ArrayList<>(s.endpoints());
            eps.set(0, new Endpoint(List.of(ip), e.ready(), e.serving(), e.terminating(), e.nodeName(), e.zone(),
                    e.zoneHints(), e.nodeHints(), e.hostname()));
            this.forward = ChangeSet.builder().updateSlice(new EndpointSlice(s.ref(), s.serviceName(),
                    s.addressType(), s.ports(), eps)).build();
            this.back = ChangeSet.builder().updateSlice(s).build();
            this.changed = base.apply(forward);
            this.newPod = ip.toString();
        }

        /** Flushes {@code b} in namespace {@code ns}, applies the full sync, then the partial ones; lists back. */
        Applied apply(String ns, KernelBackend b) {
            Shell.inNs(ns, b.flushInput(), b.flush());
            List<String> texts = new ArrayList<>();
            String full;
            if (b.isIptables()) {
                IptablesDataPlane dp = new IptablesDataPlane(node, IpFamily.IPv4);
                dp.sync(base);
                full = LabCluster.adapt(dp.render());
                for (int i = 0; i < PARTIALS; i++) {
                    dp.sync(i % 2 == 0 ? changed : base, i % 2 == 0 ? forward : back);
                    texts.add(LabCluster.adapt(dp.lastRestoreInput()));
                }
            } else {
                NftablesDataPlane dp = new NftablesDataPlane(node, IpFamily.IPv4);
                dp.sync(base);
                full = String.join("\n", dp.lastTransaction()) + "\n";
                for (int i = 0; i < PARTIALS; i++) {
                    dp.sync(i % 2 == 0 ? changed : base, i % 2 == 0 ? forward : back);
                    texts.add(String.join("\n", dp.lastTransaction()) + "\n");
                }
            }
            double fullMs = Shell.inNs(ns, full, b.fullLoad()).nanos() / 1e6;
            double[] ms = new double[PARTIALS];
            for (int i = 0; i < PARTIALS; i++) {
                ms[i] = Shell.inNs(ns, texts.get(i), b.partialLoad()).nanos() / 1e6;
            }
            Arrays.sort(ms);
            String listed = Shell.inNs(ns, null, b.listNat()).out();
            return new Applied(List.of(new Row(b.cliName(), services, "full", lines(full), fullMs),
                    new Row(b.cliName(), services, "partial", lines(texts.get(0)), ms[PARTIALS / 2])), listed);
        }
    }

    private static int lines(String text) {
        return (int) text.lines().count();
    }
}
