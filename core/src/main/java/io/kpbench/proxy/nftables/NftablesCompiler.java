package io.kpbench.proxy.nftables;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.ModeCompiler;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortEndpoints;
import io.kpbench.proxy.ServicePortName;
import io.kpbench.proxy.SyncStats;
import io.kpbench.proxy.nftables.nft.BaseRules;
import io.kpbench.proxy.nftables.nft.ChainSpec;
import io.kpbench.proxy.nftables.nft.CidrList;
import io.kpbench.proxy.nftables.nft.CompiledChain;
import io.kpbench.proxy.nftables.nft.Element;
import io.kpbench.proxy.nftables.nft.NodeContext;
import io.kpbench.proxy.nftables.nft.Rule;
import io.kpbench.proxy.nftables.nft.RuleOp;
import io.kpbench.proxy.nftables.nft.ServicePortRules;
import io.kpbench.proxy.nftables.nft.Transaction;
import io.kpbench.table.AddressLongMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Cluster to {@link NftablesTables}, as kube-proxy's {@code syncProxyRules} ({@code pkg/proxy/nftables/proxier.go},
 * v1.33) writes the {@code ip kube-proxy} (or {@code ip6 kube-proxy}) table: per service port (from
 * {@link ServicePortEndpoints}) the chains, affinity sets and map elements of {@link ServicePortRules}, written as
 * an nft transaction ({@link Transaction}) and applied to the tables element by element.
 *
 * <p>A full sync builds a fresh table; an incremental sync recomputes only the services a {@link ChangeSet}
 * touches and writes kube-proxy's partial transaction: {@code add}+{@code flush} and refill of their chains,
 * element adds and deletes, a {@code flush} of chains that went away (deleted on the next sync, as kube-proxy's
 * "stale chains"). Like {@code nft -f}, an incremental sync changes the current table in place, so it must not
 * overlap classify. Single-threaded.
 */
final class NftablesCompiler implements ModeCompiler<NftablesTables> {
    private final NodeContext ctx;
    private final String family;
    private final Map<ServicePortName, ServicePortRules> current = new TreeMap<>();
    private final Map<ObjectRef, List<ServicePortName>> byService = new HashMap<>();
    private final TreeSet<String> staleChains = new TreeSet<>();
    private NftablesTables table;
    private List<String> lastTransaction = List.of();

    /** An empty table of {@code family} on {@code node}. */
    NftablesCompiler(NodeConfig node, IpFamily family) {
        this.ctx = NodeContext.of(node, family);
        this.family = ctx.tableFamily();
        this.table = newTable(Map.of());
    }

    /** The table the last sync built or changed. */
    @Override
    public NftablesTables tables() {
        return table;
    }

    /** The {@code nft} family of the table ({@code ip} or {@code ip6}). */
    String family() {
        return family;
    }

    /** A full sync. */
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

    /** An incremental sync of the services {@code changes} touches. */
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

    /** The text {@code nft list table} prints for the current rules. */
    String render() {
        return NftablesRenderer.render(ctx, current.values(), staleChains);
    }

    /** The lines of the last sync's {@code nft -f} transaction. */
    List<String> lastTransaction() {
        return lastTransaction;
    }

    private List<ServicePortRules> compute(ClusterSnapshot cluster, ObjectRef ref) {
        List<ServicePortEndpoints> ports = ServicePortEndpoints.of(cluster, ref, ctx.family(), ctx.node());
        if (ports.isEmpty()) {
            return List.of();
        }
        List<ServicePortRules> out = new ArrayList<>(ports.size());
        List<ServicePortName> names = new ArrayList<>(ports.size());
        for (ServicePortEndpoints port : ports) {
            ServicePortRules r = ServicePortRules.build(port, ctx);
            out.add(r);
            names.add(port.info().name());
            current.put(port.info().name(), r);
        }
        byService.put(ref, names);
        return out;
    }

    private void applyDiff(Transaction tx, List<ServicePortRules> olds, List<ServicePortRules> news) {
        NftablesTables t = table;
        Map<String, Integer> newSets = new LinkedHashMap<>();
        for (ServicePortRules r : news) {
            newSets.putAll(r.affinitySets());
        }
        newSets.forEach((set, timeout) -> {
            tx.line(Transaction.affinitySet(family, ctx.addrType(), set, timeout));
            AddressLongMap a = t.affinity.get(set);
            if (a == null || a.expiryNanos() != timeout * 1_000_000_000L) {
                t.affinity.put(set, new AddressLongMap(Integer.MAX_VALUE, timeout * 1_000_000_000L));
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
        return chain == null ? NftablesTables.DROP : table.ids().get(chain);
    }

    /** The elements of {@code rules}, first of each id. */
    static Map<String, Element> dedup(Collection<ServicePortRules> rules) {
        Map<String, Element> out = new LinkedHashMap<>();
        for (ServicePortRules r : rules) {
            for (Element e : r.elements()) {
                out.putIfAbsent(e.id(), e);
            }
        }
        return out;
    }

    private NftablesTables newTable(Map<String, AddressLongMap> keepAffinity) {
        NftablesTables t = new NftablesTables(ctx.family() == IpFamily.IPv4);
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
