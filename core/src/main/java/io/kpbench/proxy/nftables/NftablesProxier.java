package io.kpbench.proxy.nftables;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.EndpointsMap;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.proxy.ServicePortName;
import io.kpbench.proxy.SyncStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * kube-proxy's nftables mode for one node and family: the {@code ip kube-proxy} (or {@code ip6 kube-proxy})
 * table of {@code pkg/proxy/nftables/proxier.go}, compiled into an {@link NftTable} of verdict maps and chains.
 *
 * <p>A full sync rebuilds the table; an incremental sync recomputes only the services a {@link ChangeSet}
 * touches and writes kube-proxy's partial transaction: {@code add}+{@code flush} and refill of their chains,
 * element adds and deletes, a {@code flush} of chains that went away (deleted on the next sync, as kube-proxy's
 * "stale chains"). Classification is O(1) in the number of services and endpoints: about 15-25 rules and map
 * lookups per packet (18 for a ClusterIP packet; see {@code package-info}). Sync must not overlap classify.
 */
public final class NftablesProxier implements DataPlane {
    private final NodeContext ctx;
    private final String family;
    private final Map<ServicePortName, ServicePortRules> current = new TreeMap<>();
    private final Map<ObjectRef, List<ServicePortName>> byService = new HashMap<>();
    private final TreeSet<String> staleChains = new TreeSet<>();
    private NftTable table;
    private List<String> lastTransaction = List.of();
    private long rulesEvaluated;

    /** An empty proxier of {@code family} on {@code node}. */
    public NftablesProxier(NodeConfig node, IpFamily family) {
        this.ctx = NodeContext.of(node, family);
        this.family = ctx.tableFamily();
        this.table = newTable(Map.of());
    }

    @Override
    public SyncStats sync(ClusterSnapshot cluster) {
        table = newTable(table.affinity);
        current.clear();
        byService.clear();
        staleChains.clear();
        Transaction tx = new Transaction(family);
        BaseRules.lines(ctx).forEach(tx::line);
        List<ServicePortRules> news = new ArrayList<>();
        for (Service svc : cluster.services().values()) {
            news.addAll(compute(cluster, svc.ref()));
        }
        applyDiff(tx, List.of(), news);
        lastTransaction = List.copyOf(tx.lines());
        return tx.stats(true);
    }

    @Override
    public SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        Transaction tx = new Transaction(family);
        for (String chain : staleChains) {
            tx.deleteChain(chain);
            table.deleteChain(chain);
        }
        staleChains.clear();
        List<ServicePortRules> olds = new ArrayList<>();
        List<ServicePortRules> news = new ArrayList<>();
        for (ObjectRef ref : changes.touchedServices()) {
            List<ServicePortName> ports = byService.remove(ref);
            if (ports != null) {
                for (ServicePortName spn : ports) {
                    olds.add(current.remove(spn));
                }
            }
            if (after.service(ref) != null) {
                news.addAll(compute(after, ref));
            }
        }
        applyDiff(tx, olds, news);
        lastTransaction = List.copyOf(tx.lines());
        return tx.stats(false);
    }

    @Override
    public long classify(FiveTuple packet, long nowNanos, long random) {
        long raw = Evaluator.classify(table, packet, nowNanos, random);
        rulesEvaluated += Evaluator.rules(raw);
        return Evaluator.strip(raw);
    }

    @Override
    public Explanation explain(FiveTuple packet) {
        return Explainer.explain(table, family, packet);
    }

    @Override
    public String endpoint(int id) {
        CompiledChain ep = table.chains[id];
        int last = ep.size() - 1;
        return new IpAddress(ep.addr[2 * last], ep.addr[2 * last + 1]).withPort(ep.target[last]);
    }

    @Override
    public String render() {
        List<String> l = new ArrayList<>(BaseRules.lines(ctx));
        String head = " " + family + " kube-proxy ";
        for (ServicePortRules r : current.values()) {
            r.affinitySets().forEach((set, timeout) ->
                    l.add(Transaction.affinitySet(family, ctx.addrType(), set, timeout)));
            for (ChainSpec c : r.chains()) {
                l.add("add chain" + head + c.name());
                for (Rule rule : c.rules()) {
                    l.add("add rule" + head + c.name() + " " + rule.text());
                }
            }
            for (Element e : dedup(List.of(r)).values()) {
                l.add(e.render(family));
            }
        }
        for (String stale : staleChains) {
            l.add("add chain" + head + stale);
        }
        return String.join("\n", l) + "\n";
    }

    /** Rules and map lookups evaluated by {@link #classify} since creation (a racy, cheap counter). */
    public long rulesEvaluated() {
        return rulesEvaluated;
    }

    /** The lines of the last sync's {@code nft -f} transaction. */
    public List<String> lastTransaction() {
        return lastTransaction;
    }

    private List<ServicePortRules> compute(ClusterSnapshot cluster, ObjectRef ref) {
        Service svc = cluster.service(ref);
        List<ServicePortInfo> infos = ServicePortInfo.of(svc, ctx.family());
        if (infos.isEmpty()) {
            return List.of();
        }
        Map<ServicePortName, List<EndpointInfo>> eps = EndpointsMap.of(cluster, ref, ctx.family(),
                ctx.node().nodeName());
        List<ServicePortRules> out = new ArrayList<>(infos.size());
        List<ServicePortName> names = new ArrayList<>(infos.size());
        for (ServicePortInfo info : infos) {
            ServicePortRules r = ServicePortRules.build(info, eps.getOrDefault(info.name(), List.of()), ctx);
            out.add(r);
            names.add(info.name());
            current.put(info.name(), r);
        }
        byService.put(ref, names);
        return out;
    }

    private void applyDiff(Transaction tx, List<ServicePortRules> olds, List<ServicePortRules> news) {
        NftTable t = table;
        Map<String, Integer> newSets = new LinkedHashMap<>();
        for (ServicePortRules r : news) {
            newSets.putAll(r.affinitySets());
        }
        newSets.forEach((set, timeout) -> {
            tx.line(Transaction.affinitySet(family, ctx.addrType(), set, timeout));
            AffinityTable a = t.affinity.get(set);
            if (a == null || a.timeoutSeconds() != timeout) {
                t.affinity.put(set, new AffinityTable(timeout));
            }
        });
        Map<String, ChainSpec> newChains = new LinkedHashMap<>();
        for (ServicePortRules r : news) {
            for (ChainSpec c : r.chains()) {
                newChains.put(c.name(), c);
                staleChains.remove(c.name());
                t.ensureChain(c.name());
            }
        }
        for (ChainSpec c : newChains.values()) {
            tx.ensureChain(c.name());
            for (Rule rule : c.rules()) {
                tx.rule(c.name(), rule.text());
            }
            t.setChain(t.ids().get(c.name()), CompiledChain.compile(c, t.ids(), t.affinity));
        }
        Map<String, Element> oldEl = dedup(olds);
        for (Element e : dedup(news).values()) {
            Element old = oldEl.remove(e.id());
            if (old != null && old.equals(e)) {
                continue;
            }
            if (old != null) {
                tx.deleteElement(old);
                t.removeElement(old);
            }
            tx.line(e.render(family));
            t.addElement(e, valueOf(e));
        }
        for (Element e : oldEl.values()) {
            tx.deleteElement(e);
            t.removeElement(e);
        }
        for (ServicePortRules r : olds) {
            for (ChainSpec c : r.chains()) {
                if (!newChains.containsKey(c.name()) && staleChains.add(c.name())) {
                    tx.flushChain(c.name());
                    t.setChain(t.ids().get(c.name()), CompiledChain.empty(c.name()));
                }
            }
            for (String set : r.affinitySets().keySet()) {
                if (!newSets.containsKey(set)) {
                    tx.deleteSet(set);
                    t.affinity.remove(set);
                }
            }
        }
    }

    private int valueOf(Element e) {
        if (e.value() == null) {
            return 1;
        }
        String chain = e.targetChain();
        return chain == null ? VerdictMap.DROP : table.ids().get(chain);
    }

    private static Map<String, Element> dedup(List<ServicePortRules> rules) {
        Map<String, Element> out = new LinkedHashMap<>();
        for (ServicePortRules r : rules) {
            for (Element e : r.elements()) {
                out.putIfAbsent(e.id(), e);
            }
        }
        return out;
    }

    private NftTable newTable(Map<String, AffinityTable> keepAffinity) {
        NftTable t = new NftTable(ctx.family() == IpFamily.IPv4);
        t.affinity.putAll(keepAffinity);
        t.rejectChain = t.ensureChain(ServicePortRules.REJECT_CHAIN);
        t.setChain(t.rejectChain, CompiledChain.single(ServicePortRules.REJECT_CHAIN, "reject",
                RuleOp.of(RuleOp.ALWAYS, RuleOp.REJECT)));
        for (IpAddress ip : ctx.localIPs()) {
            t.localIps.put(ip.hi(), ip.lo(), 1);
        }
        for (IpAddress ip : ctx.nodePortIPs()) {
            t.nodePortIps.put(ip.hi(), ip.lo(), 1);
        }
        t.serviceCidrs = ctx.serviceCidrs().isEmpty() ? null : new CidrList(ctx.serviceCidrs());
        return t;
    }
}
