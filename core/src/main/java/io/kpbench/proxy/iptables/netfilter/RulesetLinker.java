package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.table.AddressLongMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles the tables of a {@link NetfilterTables} into a {@link LinkedRuleset}: parsed chains are encoded
 * into {@link RuleSegment}s, chains a sync compiled already are taken as they are, and the {@link Linker} lays
 * them out one after another in iptables-save order, resolving jumps to chain indexes, DNAT destinations to
 * endpoint ids and recent lists to their (persistent) {@link AddressLongMap}s. O(rules), no text is parsed for
 * compiled chains.
 */
public final class RulesetLinker {
    /** The filter chains kube-proxy's packet tracer runs after nat, in its order. */
    static final List<String> FILTER_ENTRIES = List.of("KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-NODEPORTS",
            "KUBE-PROXY-FIREWALL");

    private RulesetLinker() {
    }

    /**
     * Compiles {@code tables}.
     *
     * @param localIPs the node's addresses of the family (addrtype LOCAL, with loopback added)
     * @param previous the recent lists of the previous ruleset by name (kept when still referenced)
     * @param next receives the recent lists this ruleset references
     * @param ruleHint the previous ruleset's rule count (presizes the arrays), or 0
     * @param matchHint the previous ruleset's match count, or 0
     */
    public static LinkedRuleset compile(NetfilterTables tables, IpFamily family, List<IpAddress> localIPs,
            int masqMark, Map<String, AddressLongMap> previous, Map<String, AddressLongMap> next, int ruleHint,
            int matchHint) {
        List<String> cTable = new ArrayList<>();
        List<String> cName = new ArrayList<>();
        List<NetfilterTables.Chain> cSrc = new ArrayList<>();
        Map<String, Map<String, Integer>> chainIndex = new HashMap<>();
        for (String t : new String[] {"filter", "nat"}) {
            Map<String, Integer> idx = new HashMap<>();
            chainIndex.put(t, idx);
            for (String c : tables.orderedChains(t)) {
                idx.put(c, cName.size());
                cTable.add(t);
                cName.add(c);
                NetfilterTables.Chain ch = tables.table(t).get(c);
                ch.index = cName.size() - 1;
                cSrc.add(ch);
            }
        }
        int nChains = cName.size();
        NetfilterTables.Chain[] layout = cSrc.toArray(new NetfilterTables.Chain[0]);
        Linker l = new Linker(layout, ruleHint, matchHint, previous, next);
        for (int c = 0; c < nChains; c++) {
            NetfilterTables.Chain ch = layout[c];
            l.chainFirst[c] = l.r;
            if (ch.segment != null) {
                l.copy(ch.segment, ch.segmentChain, chainIndex.get(cTable.get(c)));
            } else if (!ch.rules.isEmpty()) {
                RuleSegment parsed = new RuleSegment(null);
                for (Rule r : ch.rules) {
                    parsed.add(r);
                }
                l.copy(parsed.finish(), 0, chainIndex.get(cTable.get(c)));
            }
            l.chainEnd[c] = l.r;
        }
        l.trim();
        List<Cidr> locals = new ArrayList<>();
        for (IpAddress ip : localIPs) {
            locals.add(Cidr.host(ip));
        }
        locals.add(family == IpFamily.IPv4 ? Cidr.parse("127.0.0.0/8") : Cidr.parse("::1/128"));
        long[] localNets = new long[locals.size() * 4];
        for (int i = 0; i < locals.size(); i++) {
            net(locals.get(i), localNets, i * 4);
        }
        Map<String, Integer> nat = chainIndex.get("nat");
        Integer pre = nat.get("PREROUTING");
        Integer svc = nat.get("KUBE-SERVICES");
        int natEntry = pre != null ? pre : svc != null ? svc : -1;
        List<Integer> filter = new ArrayList<>();
        for (String f : FILTER_ENTRIES) {
            Integer idx = chainIndex.get("filter").get(f);
            if (idx != null) {
                filter.add(idx);
            }
        }
        return new LinkedRuleset(cTable.toArray(new String[0]), cName.toArray(new String[0]), l.chainFirst,
                l.chainEnd, l.mFirst, l.mEnd, l.kind, l.arg, l.prob, layout,
                l.ops, l.margs, localNets, l.endpoints.hi(), l.endpoints.lo(), l.endpoints.port(),
                l.recentList.toArray(new AddressLongMap[0]), natEntry,
                filter.stream().mapToInt(Integer::intValue).toArray(), masqMark);
    }

    /** Writes the 128-bit value and mask of {@code c} at {@code a[at..at+3]}: value hi, lo, mask hi, lo. */
    static void net(Cidr c, long[] a, int at) {
        IpAddress b = c.base();
        if (b.isV4()) {
            a[at] = b.hi();
            a[at + 1] = b.lo();
            a[at + 2] = -1L;
            a[at + 3] = 0xFFFF_FFFF_0000_0000L | (Cidr.v4Mask(c.prefix()) & 0xFFFF_FFFFL);
        } else {
            int p = c.prefix();
            a[at] = b.hi();
            a[at + 1] = b.lo();
            a[at + 2] = p >= 64 ? -1L : p == 0 ? 0L : -1L << (64 - p);
            a[at + 3] = p <= 64 ? 0L : p == 128 ? -1L : -1L << (128 - p);
        }
    }
}
