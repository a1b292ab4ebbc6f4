package io.kpbench.plan;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.conntrack.ConntrackLimits;
import io.kpbench.conntrack.ConntrackTimeouts;
import io.kpbench.conntrack.TcpState;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The limits and headroom of one cluster in every proxy mode, and the first limit it hits at each growth factor:
 * what {@code kpbench plan} prints. The cluster and the empty cluster (its nodes, no services) are counted once
 * ({@link ClusterCounts}); growth ×N is arithmetic ({@link Metric#at}).
 *
 * <p>Conntrack: kube-proxy's modes share the kernel's table, sized {@code max(32768 × cores, 131072)}
 * ({@link ConntrackLimits}). At R new connections per second it holds {@code R × 120} entries when connections
 * are short and close (TCP TIME_WAIT, or the UDP stream timeout: both 120 s), the limit row; {@code R × 86400}
 * when they are never closed (kube-proxy's established timeout) is shown as a size, the worst case. The timeouts
 * are {@link ConntrackTimeouts#kubeProxyDefaults()}; R grows with the cluster. Cilium keeps its own CT maps, not
 * checked here.
 *
 * @param services services in the cluster
 * @param endpoints endpoints in the cluster, over all slices
 * @param nodes nodes in the cluster
 * @param node the node the proxiers were built for
 * @param family the family they were built for
 * @param conntrackMax {@code nf_conntrack_max} for the options' cores
 * @param options the options
 * @param modes one plan per proxy mode
 */
public record CapacityPlan(int services, long endpoints, int nodes, String node, IpFamily family, long conntrackMax,
        PlanOptions options, List<ModePlan> modes) {

    /** Counts {@code cluster} for a proxier on {@code node} and lays out every mode's limits. */
    public static CapacityPlan of(ClusterSnapshot cluster, NodeConfig node, IpFamily family, PlanOptions o) {
        ClusterCounts c = ClusterCounts.of(cluster, node, family);
        ClusterCounts e = ClusterCounts.of(ClusterSnapshot.of(List.of(), List.of(), cluster.nodes().values()), node,
                family);
        long endpoints = 0;
        for (EndpointSlice sl : cluster.slices().values()) {
            endpoints += sl.endpoints().size();
        }
        return of(c, e, cluster.services().size(), endpoints, cluster.nodes().size(), node.nodeName(), family, o);
    }

    /** Lays out every mode's limits from the counts of a cluster ({@code c}) and of its empty cluster ({@code e}). */
    public static CapacityPlan of(ClusterCounts c, ClusterCounts e, int services, long endpoints, int nodes,
            String node, IpFamily family, PlanOptions o) {
        long conntrackMax = ConntrackLimits.conntrackMax(o.cores());
        List<ModePlan> modes = new ArrayList<>();
        for (ProxyMode m : ProxyMode.values()) {
            if (m.available()) {
                modes.add(mode(m, c, e, o, conntrackMax));
            }
        }
        return new CapacityPlan(services, endpoints, nodes, node, family, conntrackMax, o, modes);
    }

    /** The plan of {@code mode}. */
    public ModePlan mode(ProxyMode mode) {
        for (ModePlan m : modes) {
            if (m.mode() == mode) {
                return m;
            }
        }
        throw new IllegalArgumentException("no plan for " + mode);
    }

    private static ModePlan mode(ProxyMode m, ClusterCounts c, ClusterCounts e, PlanOptions o, long conntrackMax) {
        List<Metric> limits = new ArrayList<>();
        List<Metric> sizes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        limits.add(Metric.limit("NodePort range", "ports", e.nodePorts(), c.nodePorts(), o.nodePortRange().size(),
                Citation.NODE_PORTS.text()));
        if (m == ProxyMode.EBPF) {
            limits.add(Metric.limit("Cilium LB service map", "entries", e.ciliumServiceEntries(),
                    c.ciliumServiceEntries(), Sources.CILIUM_LB_MAP_MAX, Citation.LB_MAP.text()));
            limits.add(Metric.limit("Cilium LB backend map", "entries", e.ciliumBackends(), c.ciliumBackends(),
                    Sources.CILIUM_LB_MAP_MAX, Citation.LB_MAP.text()));
            limits.add(Metric.limit("Cilium service IDs", "IDs", e.ciliumServiceIds(), c.ciliumServiceIds(),
                    Sources.CILIUM_SERVICE_IDS, Citation.SERVICE_IDS.text()));
            long slot = (long) o.maglevTableSize() * Sources.MAGLEV_SLOT_BYTES;
            sizes.add(Metric.size("Maglev tables (M=" + o.maglevTableSize() + ")", "B", slot * e.frontends(),
                    slot * c.frontends(), Citation.MAGLEV.text()));
            notes.add("conntrack: Cilium keeps its own CT maps (--bpf-ct-global-tcp-max), not checked here");
        } else {
            conntrack(limits, sizes, notes, o, conntrackMax);
        }
        switch (m) {
            case IPTABLES -> {
                sizes.add(Metric.size("iptables rules", "rules", e.iptablesRules(), c.iptablesRules(),
                        Citation.IPTABLES.text()));
                sizes.add(Metric.size("iptables-restore lines", "lines", e.iptablesLines(), c.iptablesLines(),
                        Citation.IPTABLES.text()));
                sizes.add(Metric.size("iptables-restore bytes", "B", e.iptablesBytes(), c.iptablesBytes(),
                        Citation.IPTABLES_BYTES.text()));
            }
            case NFTABLES -> {
                sizes.add(Metric.size("nftables rules", "rules", e.nftablesRules(), c.nftablesRules(),
                        Citation.NFTABLES.text()));
                sizes.add(Metric.size("nftables set and map elements", "elements", e.nftablesElements(),
                        c.nftablesElements(), Citation.NFTABLES.text()));
            }
            case IPVS -> {
                sizes.add(Metric.size("IPVS virtual servers", "services", e.frontends(), c.frontends(),
                        Citation.IPVS.text()));
                sizes.add(Metric.size("IPVS mean bucket chain (S/256)", "services",
                        e.frontends() / (double) Sources.IPVS_SVC_TAB_SIZE,
                        c.frontends() / (double) Sources.IPVS_SVC_TAB_SIZE, Citation.IPVS.text()));
            }
            default -> {
            }
        }
        notes.add("memory: " + Citation.MEMORY.text());
        return new ModePlan(m, limits, sizes, notes);
    }

    private static void conntrack(List<Metric> limits, List<Metric> sizes, List<String> notes, PlanOptions o,
            long conntrackMax) {
        Double r = o.newConnectionsPerSecond();
        if (r == null) {
            notes.add("conntrack: not checked; give --new-connections-per-second to check it against "
                    + "nf_conntrack_max " + conntrackMax + " (" + o.cores() + " cores)");
            return;
        }
        ConntrackTimeouts t = ConntrackTimeouts.kubeProxyDefaults();
        int closed = Math.max(t.tcp(TcpState.TIME_WAIT), t.udpStream());
        limits.add(Metric.limit("conntrack entries (" + closed + " s each)", "entries", 0, r * closed,
                conntrackMax, Citation.CONNTRACK_SHORT.text() + "; " + Citation.CONNTRACK_MAX.text()));
        int open = t.tcp(TcpState.ESTABLISHED);
        sizes.add(Metric.size("conntrack if never closed (" + open + " s each)", "entries", 0, r * open,
                Citation.CONNTRACK_OPEN.text()));
    }

    /** The plan as a tree of maps and lists, for {@code --json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> cl = new LinkedHashMap<>();
        cl.put("services", services);
        cl.put("endpoints", endpoints);
        cl.put("nodes", nodes);
        cl.put("node", node);
        cl.put("family", family.name());
        m.put("cluster", cl);
        m.put("cores", options.cores());
        m.put("newConnectionsPerSecond", options.newConnectionsPerSecond());
        m.put("nfConntrackMax", conntrackMax);
        m.put("scales", options.scales());
        m.put("growth", "count at xN = empty + N x (cluster - empty); new connections grow with the cluster");
        List<Object> ms = new ArrayList<>();
        for (ModePlan p : modes) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("mode", p.mode().cliName());
            pm.put("limits", rows(p.limits()));
            pm.put("sizes", rows(p.sizes()));
            Map<String, Object> first = new LinkedHashMap<>();
            for (int s : options.scales()) {
                Metric f = p.first(s);
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("limit", f == null ? null : f.name());
                fm.put("exceeded", f != null && f.exceeded(s));
                fm.put("use", f == null ? null : f.use(s));
                first.put("x" + s, fm);
            }
            pm.put("firstLimit", first);
            pm.put("notes", p.notes());
            ms.add(pm);
        }
        m.put("modes", ms);
        return m;
    }

    private List<Object> rows(List<Metric> metrics) {
        List<Object> out = new ArrayList<>();
        for (Metric r : metrics) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("name", r.name());
            rm.put("unit", r.unit());
            rm.put("inUse", r.at(1));
            if (r.isLimit()) {
                rm.put("limit", r.limit());
                rm.put("headroom", r.headroom(1));
            }
            Map<String, Object> at = new LinkedHashMap<>();
            List<String> over = new ArrayList<>();
            for (int s : options.scales()) {
                at.put("x" + s, r.at(s));
                if (r.exceeded(s)) {
                    over.add("x" + s);
                }
            }
            rm.put("atScale", at);
            if (r.isLimit()) {
                rm.put("exceededAt", over);
            }
            rm.put("source", r.source());
            out.add(rm);
        }
        return out;
    }
}
