package io.kpbench.proxy.iptables;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles the parsed tables of a {@link NetfilterTables} into a {@link CompiledRuleset}: chains laid out one
 * after another, jumps resolved to chain indexes, addresses turned into 128-bit value/mask pairs, DNAT
 * destinations numbered as endpoint ids, and recent lists bound to their (persistent) {@link RecentTable}s.
 */
final class RuleCompiler {
    /** The filter chains kube-proxy's packet tracer runs after nat, in its order. */
    static final List<String> FILTER_ENTRIES = List.of("KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-NODEPORTS",
            "KUBE-PROXY-FIREWALL");

    private RuleCompiler() {
    }

    /**
     * Compiles {@code tables}.
     *
     * @param localIPs the node's addresses of the family (addrtype LOCAL, with loopback added)
     * @param previous the recent lists of the previous ruleset by name (kept when still referenced)
     * @param next receives the recent lists this ruleset references
     */
    static CompiledRuleset compile(NetfilterTables tables, IpFamily family, List<IpAddress> localIPs, int masqMark,
            Map<String, RecentTable> previous, Map<String, RecentTable> next) {
        Map<String, Integer> chainIndex = new HashMap<>();
        List<String> cTable = new ArrayList<>();
        List<String> cName = new ArrayList<>();
        for (String t : new String[] {"filter", "nat"}) {
            for (String c : tables.orderedChains(t)) {
                chainIndex.put(t + " " + c, cName.size());
                cTable.add(t);
                cName.add(c);
            }
        }
        int nChains = cName.size();
        int[] chainFirst = new int[nChains];
        int[] chainEnd = new int[nChains];
        int nRules = 0;
        int nMatches = 0;
        for (int c = 0; c < nChains; c++) {
            for (Rule r : tables.table(cTable.get(c)).get(cName.get(c)).rules) {
                nRules++;
                nMatches += r.matches().size();
            }
        }
        int[] mFirst = new int[nRules];
        int[] mEnd = new int[nRules];
        int[] kind = new int[nRules];
        int[] arg = new int[nRules];
        boolean[] prob = new boolean[nRules];
        String[] text = new String[nRules];
        int[] ops = new int[nMatches];
        long[] margs = new long[nMatches * 4];
        Map<String, Integer> endpointIds = new LinkedHashMap<>();
        List<IpAddress> epIp = new ArrayList<>();
        List<Integer> epPort = new ArrayList<>();
        List<RecentTable> recentList = new ArrayList<>();
        Map<String, Integer> recentIds = new HashMap<>();
        int r = 0;
        int m = 0;
        for (int c = 0; c < nChains; c++) {
            chainFirst[c] = r;
            for (Rule rule : tables.table(cTable.get(c)).get(cName.get(c)).rules) {
                mFirst[r] = m;
                for (Match match : rule.matches()) {
                    int op = encode(match, margs, m << 2, previous, next, recentIds, recentList);
                    if (op != 0) {
                        ops[m++] = op;
                    }
                }
                mEnd[r] = m;
                Target t = rule.target();
                kind[r] = t.kind().ordinal();
                prob[r] = rule.probabilistic();
                text[r] = rule.text();
                switch (t.kind()) {
                    case JUMP, GOTO -> {
                        Integer idx = chainIndex.get(cTable.get(c) + " " + t.chain());
                        if (idx == null) {
                            throw new IllegalArgumentException("rule jumps to a missing chain: " + rule.text());
                        }
                        arg[r] = idx;
                    }
                    case DNAT -> {
                        String d = t.destination();
                        Integer id = endpointIds.get(d);
                        if (id == null) {
                            id = epIp.size();
                            endpointIds.put(d, id);
                            epIp.add(t.ip());
                            epPort.add(t.port());
                        }
                        arg[r] = id;
                    }
                    case MARK_OR, MARK_XOR, MARK_SET -> arg[r] = t.mark();
                    default -> arg[r] = 0;
                }
                r++;
            }
            chainEnd[c] = r;
        }
        int n = epIp.size();
        long[] epHi = new long[n];
        long[] epLo = new long[n];
        int[] epP = new int[n];
        String[] epText = endpointIds.keySet().toArray(new String[0]);
        for (int i = 0; i < n; i++) {
            epHi[i] = epIp.get(i).hi();
            epLo[i] = epIp.get(i).lo();
            epP[i] = epPort.get(i);
        }
        List<Cidr> locals = new ArrayList<>();
        for (IpAddress ip : localIPs) {
            locals.add(Cidr.host(ip));
        }
        locals.add(family == IpFamily.IPv4 ? Cidr.parse("127.0.0.0/8") : Cidr.parse("::1/128"));
        long[] localNets = new long[locals.size() * 4];
        for (int i = 0; i < locals.size(); i++) {
            net(locals.get(i), localNets, i * 4);
        }
        Integer pre = chainIndex.get("nat PREROUTING");
        Integer svc = chainIndex.get("nat KUBE-SERVICES");
        int natEntry = pre != null ? pre : svc != null ? svc : -1;
        List<Integer> filter = new ArrayList<>();
        for (String f : FILTER_ENTRIES) {
            Integer idx = chainIndex.get("filter " + f);
            if (idx != null) {
                filter.add(idx);
            }
        }
        return new CompiledRuleset(cTable.toArray(new String[0]), cName.toArray(new String[0]), chainFirst,
                chainEnd, mFirst, mEnd, kind, arg, prob, text, ops, margs, localNets, epHi, epLo, epP, epText,
                recentList.toArray(new RecentTable[0]), natEntry, filter.stream().mapToInt(Integer::intValue).toArray(),
                masqMark);
    }

    private static int encode(Match match, long[] a, int at, Map<String, RecentTable> previous,
            Map<String, RecentTable> next, Map<String, Integer> recentIds, List<RecentTable> recentList) {
        if (match instanceof Match.Address x) {
            net(x.cidr(), a, at);
            return (x.source() ? CompiledRuleset.OP_SRC : CompiledRuleset.OP_DST) | neg(x.negated());
        } else if (match instanceof Match.Protocol x) {
            a[at] = x.number();
            return CompiledRuleset.OP_PROTO | neg(x.negated());
        } else if (match instanceof Match.DestPort x) {
            a[at] = x.lo();
            a[at + 1] = x.hi();
            return CompiledRuleset.OP_DPORT | neg(x.negated());
        } else if (match instanceof Match.AddrTypeLocal x) {
            return (x.source() ? CompiledRuleset.OP_SRC_LOCAL : CompiledRuleset.OP_DST_LOCAL) | neg(x.negated());
        } else if (match instanceof Match.Statistic x) {
            a[at] = x.threshold();
            return CompiledRuleset.OP_STATISTIC;
        } else if (match instanceof Match.Recent x) {
            Integer id = recentIds.get(x.name());
            if (id == null) {
                id = recentList.size();
                recentIds.put(x.name(), id);
                RecentTable t = previous.get(x.name());
                t = t != null ? t : new RecentTable();
                next.put(x.name(), t);
                recentList.add(t);
            }
            a[at] = id;
            a[at + 1] = x.seconds() * 1_000_000_000L;
            a[at + 2] = x.reap() ? 1 : 0;
            return x.set() ? CompiledRuleset.OP_RECENT_SET : CompiledRuleset.OP_RECENT_CHECK;
        } else if (match instanceof Match.Mark x) {
            a[at] = x.value() & x.mask();
            a[at + 1] = x.mask();
            return CompiledRuleset.OP_MARK | neg(x.negated());
        } else if (match instanceof Match.ConnState x) {
            a[at] = x.states();
            return CompiledRuleset.OP_CTSTATE | neg(x.negated());
        }
        return 0;
    }

    private static int neg(boolean negated) {
        return negated ? CompiledRuleset.NEG : 0;
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
