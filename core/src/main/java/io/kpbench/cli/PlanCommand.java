package io.kpbench.cli;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Service;
import io.kpbench.common.UserError;
import io.kpbench.lab.CalibrationFile;
import io.kpbench.lab.CalibrationText;
import io.kpbench.lab.Projection;
import io.kpbench.net.IpFamily;
import io.kpbench.plan.CapacityPlan;
import io.kpbench.plan.PlanOptions;
import io.kpbench.plan.PlanText;
import io.kpbench.plan.Sources;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kpbench plan}: the hard limits a cluster meets in each proxy mode, its headroom, and the first limit its
 * growth hits, with the sizes each mode programs ({@link CapacityPlan}); every limit names its source.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show, per proxy mode, the limits a cluster meets (conntrack, Cilium's LB maps and service "
                + "IDs, the node-port range) with the value in use, the limit, the headroom and the first limit "
                + "hit at x2, x5 and x10 growth, and the sizes each mode programs (iptables rules and restore "
                + "lines, nftables elements, IPVS virtual servers, Maglev memory). Each limit cites its source.")
final class PlanCommand implements Runnable {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    NodeOptions node;

    @Option(names = "--cores", paramLabel = "N", defaultValue = "4",
            description = "The node's CPUs, for nf_conntrack_max = max(32768 x N, 131072) (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--new-connections-per-second", paramLabel = "R",
            description = "New connections per second through the node, for the conntrack limit (default: none, "
                    + "and conntrack is not checked).")
    Double newConnectionsPerSecond;

    @Option(names = "--scale", paramLabel = "N,N...", split = ",", defaultValue = "1,2,5,10",
            description = "The growth factors to show (default: ${DEFAULT-VALUE}).")
    List<Integer> scales = new ArrayList<>();

    @Option(names = "--maglev-table-size", paramLabel = "M", defaultValue = "" + Sources.MAGLEV_M,
            description = "Cilium's Maglev table size M, for the Maglev memory (default: ${DEFAULT-VALUE}).")
    int maglevTableSize;

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "A calibration.json of the kernel lab (this machine's or a real node's): also project the "
                    + "kernel first-packet cost of each calibrated back end at this cluster's service ports (default: "
                    + "none, no projection).")
    Path calibration;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PlanOptions o = options();
        node.check();
        ClusterSnapshot c = cluster.load().snapshot();
        NodeConfig n = node.resolve(c);
        IpFamily family = n.primaryIP(IpFamily.IPv4) != null ? IpFamily.IPv4 : IpFamily.IPv6;
        CapacityPlan plan = CapacityPlan.of(c, n, family, o);
        PrintWriter out = spec.commandLine().getOut();
        CalibrationFile cal = calibration == null ? null : CalibrationFile.read(calibration);
        int ports = servicePorts(c);
        List<Projection> projected = cal == null ? List.of() : Projection.of(cal, List.of(ports));
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>(plan.toMap());
            if (cal != null) {
                m.put("kernelProjection", kernelMap(cal, projected));
            }
            out.println(Json.write(m));
        } else {
            out.print(PlanText.render(plan));
            if (cal != null) {
                out.println();
                out.println("Projected kernel first-packet cost at " + ports + " service ports (calibration: "
                        + cal.name() + "; the model's rule count for a synthetic cluster of that many one-endpoint "
                        + "ClusterIP services, average target):");
                out.print(CalibrationText.projections(projected));
                for (ProxyMode m : ProxyMode.values()) {
                    String why = Projection.noProjection(m, cal);
                    if (why != null) {
                        out.println("  " + m.cliName() + ": " + why);
                    }
                }
            }
        }
        out.flush();
    }

    /** The ClusterIP service ports: the rules of KUBE-SERVICES that a first packet walks past. */
    private static int servicePorts(ClusterSnapshot c) {
        int n = 0;
        for (Service s : c.services().values()) {
            if (s.clusterIP() != null && s.proxied()) {
                n += s.ports().size();
            }
        }
        return Math.max(3, n);
    }

    private static Map<String, Object> kernelMap(CalibrationFile cal, List<Projection> ps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calibration", cal.name());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Projection p : ps) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("backend", p.backend());
            r.put("servicePorts", p.services());
            r.put("rulesCounted", p.ops());
            r.put("projectedNs", Math.round(p.prediction().ns()));
            r.put("lowNs", Math.round(p.prediction().lowNs()));
            r.put("highNs", Math.round(p.prediction().highNs()));
            rows.add(r);
        }
        m.put("projections", rows);
        Map<String, String> none = new LinkedHashMap<>();
        for (ProxyMode mode : ProxyMode.values()) {
            String why = Projection.noProjection(mode, cal);
            if (why != null) {
                none.put(mode.cliName(), why);
            }
        }
        m.put("notProjected", none);
        return m;
    }

    private PlanOptions options() {
        if (cores < 1) {
            throw new UserError("--cores: must be 1 or more, not " + cores);
        }
        if (newConnectionsPerSecond != null && !(newConnectionsPerSecond >= 0 && newConnectionsPerSecond < 1e12)) {
            throw new UserError("--new-connections-per-second: must be a number from 0 to 1e12, not "
                    + newConnectionsPerSecond);
        }
        List<Integer> s = new ArrayList<>();
        s.add(1);
        for (int f : scales) {
            if (f < 1 || f > 1000) {
                throw new UserError("--scale: growth factors must be from 1 to 1000, not " + f);
            }
            if (!s.contains(f)) {
                s.add(f);
            }
        }
        s.sort(null);
        if (maglevTableSize < 1) {
            throw new UserError("--maglev-table-size: must be 1 or more, not " + maglevTableSize);
        }
        return new PlanOptions(cores, newConnectionsPerSecond, cluster.nodePortRange(), maglevTableSize, s);
    }
}
