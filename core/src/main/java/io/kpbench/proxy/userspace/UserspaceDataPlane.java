package io.kpbench.proxy.userspace;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.SyncStats;
import io.kpbench.proxy.Verdict;
import io.kpbench.table.AffinityTable;
import io.kpbench.table.LinearProbeLongIntMap;
import io.kpbench.table.StableIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code userspace} mode: kube-proxy's legacy userspace proxier ({@code pkg/proxy/userspace}, removed in
 * 1.26) with {@code LoadBalancerRR} ({@code roundrobin.go}): a portal lookup, optional ClientIP affinity, then
 * the next endpoint of the service port's list. Every connection is DNAT-equivalent (the proxy connects to the
 * endpoint) and masqueraded (from the node IP); a service port without endpoints is REJECTed. Traffic policies,
 * topology and source ranges are ignored, as the original did. See {@code package-info}.
 */
public final class UserspaceDataPlane implements DataPlane {
    private static final long NONE = Classification.pack(Verdict.NONE, false, -1);
    private static final long REJECT = Classification.pack(Verdict.REJECT, false, -1);

    private final boolean v4;
    private final UserspaceCompiler compiler;
    private final AffinityTable affinity;
    private volatile PortalTables tables;
    private StableIds endpointIds = StableIds.empty();
    private StableIds servicePortIds = StableIds.empty();
    private Map<String, List<String>> order = Map.of();
    private long lookups;

    /** An empty proxier of {@code family} on {@code node}; at most {@code affinityEntries} sticky clients. */
    public UserspaceDataPlane(NodeConfig node, IpFamily family, int affinityEntries) {
        this.v4 = family == IpFamily.IPv4;
        this.compiler = new UserspaceCompiler(node, family);
        this.affinity = new AffinityTable(affinityEntries);
        this.tables = new PortalTables(v4);
    }

    @Override
    public SyncStats sync(ClusterSnapshot cluster) {
        return sync(cluster, true);
    }

    @Override
    public SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        return sync(after, false);
    }

    private SyncStats sync(ClusterSnapshot cluster, boolean full) {
        UserspaceCompiler.Result r = compiler.compile(cluster, tables, endpointIds, servicePortIds, order);
        PortalTables t = r.tables();
        if (affinity.size() > 0) {
            LinearProbeLongIntMap valid = new LinearProbeLongIntMap(t.endpointsUsed + 1, -1);
            for (int s = 0; s < t.servicePorts; s++) {
                for (int k = t.epStart[s], end = k + t.epCount[s]; k < end; k++) {
                    valid.put(((long) t.spId[s] << 32) | t.endpoints[k], 1);
                }
            }
            affinity.removeIf((key, ep, lastUsed) -> !v4 || !valid.containsKey(((key & 0xFFFF_FFFFL) << 32) | ep));
        }
        endpointIds = r.endpointIds();
        servicePortIds = r.servicePortIds();
        order = r.order();
        tables = t;
        return new SyncStats(full, 0, 0, 0, full ? t.frontends + t.endpointsUsed : r.written());
    }

    @Override
    public long classify(FiveTuple p, long nowNanos, long random) {
        final PortalTables t = tables;
        if (v4 != p.isV4()) {
            return NONE;
        }
        int n = 1;
        int fe = t.portals.get(PortalTables.key(v4, p.dstHi(), p.dstLo(), p.protocol(), p.dstPort()));
        if (fe < 0 || !t.matches(fe, p)) {
            lookups += n;
            return NONE;
        }
        int sp = t.feServicePort[fe];
        int count = t.epCount[sp];
        if (count == 0) {
            lookups += n;
            return REJECT;
        }
        long timeout = t.affinityTimeoutNanos[sp];
        int ep = -1;
        long affKey = 0;
        if (timeout > 0) {
            n++;
            affKey = PortalTables.affinityKey(v4, p.srcHi(), p.srcLo(), t.spId[sp]);
            ep = affinity.lookup(affKey, nowNanos, timeout);
        }
        if (ep < 0) {
            n++;
            int i = t.cursor[sp];
            if (i >= count) {
                i = 0;
            }
            ep = t.endpoints[t.epStart[sp] + i];
            t.cursor[sp] = i + 1;
            if (timeout > 0) {
                affinity.record(affKey, ep, nowNanos);
            }
        }
        lookups += n;
        return Classification.dnat(ep, true);
    }

    @Override
    public Explanation explain(FiveTuple p) {
        PortalTables t = tables;
        List<String> path = new ArrayList<>();
        if (v4 != p.isV4()) {
            path.add("not an " + (v4 ? "IPv4" : "IPv6") + " packet: this proxier does not see it");
            return new Explanation(Verdict.NONE, List.of(), false, path, 0);
        }
        int fe = t.portals.get(PortalTables.key(v4, p.dstHi(), p.dstLo(), p.protocol(), p.dstPort()));
        if (fe < 0 || !t.matches(fe, p)) {
            path.add("KUBE-PORTALS: no portal for " + p.dst().withPort(p.dstPort()));
            return new Explanation(Verdict.NONE, List.of(), false, path, 1);
        }
        int sp = t.feServicePort[fe];
        path.add("KUBE-PORTALS: " + portal(t, fe) + " -j REDIRECT to the proxy socket of " + t.spName[sp]);
        if (t.epCount[sp] == 0) {
            path.add("proxy: " + t.spName[sp] + " has no endpoints; the accepted connection is closed -> REJECT");
            return new Explanation(Verdict.REJECT, List.of(), false, path, 1);
        }
        int lookupsDone = 1;
        if (t.affinityTimeoutNanos[sp] > 0) {
            lookupsDone++;
            int stuck = affinity.peek(PortalTables.affinityKey(v4, p.srcHi(), p.srcLo(), t.spId[sp]));
            path.add("proxy: ClientIP affinity for " + p.src() + " -> "
                    + (stuck >= 0 ? t.epText[stuck] + " (while younger than "
                    + t.affinityTimeoutNanos[sp] / 1_000_000_000L + "s)" : "miss"));
        }
        List<String> eps = new ArrayList<>();
        int next = t.cursor[sp] >= t.epCount[sp] ? 0 : t.cursor[sp];
        path.add("proxy: round robin over " + t.epCount[sp] + " endpoints, next index " + next);
        for (int k = 0; k < t.epCount[sp]; k++) {
            int ep = t.endpoints[t.epStart[sp] + k];
            lookupsDone++;
            eps.add(t.epText[ep]);
            path.add("proxy: endpoint " + k + " -> " + t.epText[ep] + " (connect from the node IP: masquerade)");
        }
        return new Explanation(Verdict.DNAT, eps, true, path, lookupsDone);
    }

    @Override
    public String endpoint(int id) {
        PortalTables t = tables;
        return id > 0 && id < t.epText.length && t.epText[id] != null ? t.epText[id] : "";
    }

    /**
     * The portals and round-robin state, one service port per line:
     * {@code ns/web/TCP portals [10.96.0.10:80] rr next 0 [10.244.2.1:8080, ...] affinity 10800s}.
     */
    @Override
    public String render() {
        PortalTables t = tables;
        Map<String, List<String>> portals = new TreeMap<>();
        for (int fe = 0; fe < t.frontends; fe++) {
            portals.computeIfAbsent(t.spName[t.feServicePort[fe]], k -> new ArrayList<>()).add(portal(t, fe));
        }
        StringBuilder out = new StringBuilder("# userspace proxy: KUBE-PORTALS-* redirect to one proxy socket per "
                + "service port; LoadBalancerRR\n");
        for (int sp = 0; sp < t.servicePorts; sp++) {
            out.append(t.spName[sp]).append(" portals ").append(portals.getOrDefault(t.spName[sp], List.of()))
                    .append(" rr next ").append(t.cursor[sp] >= t.epCount[sp] ? 0 : t.cursor[sp]).append(' ')
                    .append(rotation(t, sp));
            if (t.affinityTimeoutNanos[sp] > 0) {
                out.append(" affinity ").append(t.affinityTimeoutNanos[sp] / 1_000_000_000L).append('s');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The endpoints of service port {@code name} ({@code ns/svc[:port]/PROTO}) in round-robin order. */
    public List<String> rotation(String name) {
        PortalTables t = tables;
        for (int sp = 0; sp < t.servicePorts; sp++) {
            if (t.spName[sp].equals(name)) {
                return rotation(t, sp);
            }
        }
        return List.of();
    }

    private static List<String> rotation(PortalTables t, int sp) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < t.epCount[sp]; k++) {
            out.add(t.epText[t.endpoints[t.epStart[sp] + k]]);
        }
        return out;
    }

    private static String portal(PortalTables t, int fe) {
        Protocol proto = Protocol.ofNumber(t.feProto[fe]);
        return new IpAddress(t.feHi[fe], t.feLo[fe]).withPort(t.fePort[fe]) + "/"
                + (proto == null ? String.valueOf(t.feProto[fe]) : proto.name());
    }

    /** Lookups done by {@link #classify} so far (racy across threads). */
    public long rulesEvaluated() {
        return lookups;
    }
}
