package io.kpbench.proxy.nftables;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.nftables.nft.CompiledChain;
import io.kpbench.proxy.nftables.nft.RuleOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains a NEW packet against an {@link NftablesTables} as kube-proxy's test tracer ({@code tracePacket} in
 * {@code pkg/proxy/nftables/helpers_test.go}) does: same hooks and chains as {@link NftablesClassifier}, but every branch
 * of a {@code numgen} vmap is followed, endpoints are collected in vmap order, the masquerade mark is the union
 * over the explored branches, and affinity sets are treated as empty. The DNAT of the first endpoint decides the
 * destination the filter hooks see. Not on the hot path: it allocates.
 */
final class NftablesExplainer {
    private final NftablesTables t;
    private final String family;
    private final long sHi;
    private final long sLo;
    private final List<String> path = new ArrayList<>();
    private final List<String> endpoints = new ArrayList<>();
    private final List<int[]> dnats = new ArrayList<>();
    private boolean masq;
    private int rules;

    private NftablesExplainer(NftablesTables t, String family, FiveTuple p) {
        this.t = t;
        this.family = family;
        this.sHi = p.srcHi();
        this.sLo = p.srcLo();
    }

    static Explanation explain(NftablesTables t, String family, FiveTuple p) {
        return new NftablesExplainer(t, family, p).run(p);
    }

    private Explanation run(FiveTuple p) {
        long dHi = p.dstHi();
        long dLo = p.dstLo();
        int proto = p.protocol();
        int dport = p.dstPort();
        long key = t.key(dHi, dLo, proto, dport);
        rules += 3;
        path.add("filter-prerouting-pre-dnat: ct state new jump firewall-check");
        int fw = key == -1L ? NftablesTables.MISSING : t.firewallIps.get(key);
        path.add("firewall-check: " + family + " daddr . meta l4proto . th dport vmap @firewall-ips -> "
                + target(fw));
        if (fw >= 0) {
            Verdict v = runChain(fw, dHi, dLo);
            if (v == Verdict.DROP || v == Verdict.REJECT) {
                return done(v);
            }
        }
        rules += 3;
        path.add("nat-prerouting: jump services");
        int svc = key == -1L ? NftablesTables.MISSING : t.serviceIps.get(key);
        path.add("services: " + family + " daddr . meta l4proto . th dport vmap @service-ips -> " + target(svc));
        Verdict nat = Verdict.NONE;
        if (svc >= 0) {
            nat = runChain(svc, dHi, dLo);
        } else {
            rules += 2;
            boolean np = t.nodePortIps.contains(dHi, dLo);
            path.add("services: " + family + " daddr @nodeport-ips -> " + (np ? "match" : "no match"));
            if (np) {
                rules++;
                int c = t.serviceNodePorts.get(((long) proto << 16) | dport);
                path.add("services: meta l4proto . th dport vmap @service-nodeports -> " + target(c));
                if (c >= 0) {
                    nat = runChain(c, dHi, dLo);
                }
            }
        }
        if (nat == Verdict.DROP || nat == Verdict.REJECT) {
            return done(nat);
        }
        if (!dnats.isEmpty()) {
            CompiledChain ep = t.chains[dnats.get(0)[0]];
            int last = ep.size() - 1;
            dHi = ep.addr[2 * last];
            dLo = ep.addr[2 * last + 1];
            dport = ep.target[last];
            key = t.key(dHi, dLo, proto, dport);
            path.add("dnat: destination is now " + new IpAddress(dHi, dLo).withPort(dport));
        }
        Verdict filter = NftablesClassifier.isLocal(t, dHi, dLo) ? input(key, dHi, dLo, proto, dport) : forward(key, dHi, dLo);
        if (filter != Verdict.NONE) {
            endpoints.clear();
            return done(filter);
        }
        return done(endpoints.isEmpty() ? Verdict.NONE : Verdict.DNAT);
    }

    private Verdict input(long key, long dHi, long dLo, int proto, int dport) {
        rules += 3;
        path.add("filter-input: ct state new jump nodeport-endpoints-check");
        if (t.nodePortIps.contains(dHi, dLo)) {
            rules++;
            int v = t.noEndpointNodePorts.get(((long) proto << 16) | dport);
            path.add("nodeport-endpoints-check: vmap @no-endpoint-nodeports -> " + target(v));
            if (v != NftablesTables.MISSING) {
                return verdict(v);
            }
        }
        return serviceEndpointsCheck("filter-input", key);
    }

    private Verdict forward(long key, long dHi, long dLo) {
        Verdict v = serviceEndpointsCheck("filter-forward", key);
        if (v != Verdict.NONE) {
            return v;
        }
        rules += 3;
        path.add("filter-forward: ct state new jump cluster-ips-check");
        if (t.clusterIps.contains(dHi, dLo)) {
            path.add("cluster-ips-check: " + family + " daddr @cluster-ips reject");
            return Verdict.REJECT;
        }
        rules++;
        if (t.serviceCidrs != null && t.serviceCidrs.contains(dHi, dLo)) {
            path.add("cluster-ips-check: " + family + " daddr { service CIDRs } drop");
            return Verdict.DROP;
        }
        return Verdict.NONE;
    }

    private Verdict serviceEndpointsCheck(String hook, long key) {
        rules += 3;
        path.add(hook + ": ct state new jump service-endpoints-check");
        int v = key == -1L ? NftablesTables.MISSING : t.noEndpointServices.get(key);
        path.add("service-endpoints-check: vmap @no-endpoint-services -> " + target(v));
        return v == NftablesTables.MISSING ? Verdict.NONE : verdict(v);
    }

    private Verdict verdict(int v) {
        return v == NftablesTables.DROP ? Verdict.DROP : Verdict.REJECT;
    }

    /** Runs a chain, following every numgen branch; NONE when it falls through or ends in DNAT. */
    private Verdict runChain(int c, long dHi, long dLo) {
        CompiledChain ch = t.chains[c];
        for (int i = 0; i < ch.size(); i++) {
            rules++;
            int op = ch.op[i];
            if ((op >>> 4) == RuleOp.SADDR_IN_AFFINITY || !matches(ch, i, op >>> 4, dHi, dLo)) {
                continue;
            }
            path.add(ch.name + " rule " + (i + 1) + ": " + ch.text[i]);
            switch (op & 15) {
                case RuleOp.MASQ -> masq = true;
                case RuleOp.GOTO -> {
                    return ch.target[i] < 0 ? Verdict.NONE : runChain(ch.target[i], dHi, dLo);
                }
                case RuleOp.NUMGEN -> {
                    rules++;
                    for (int target : ch.numgen) {
                        runChain(target, dHi, dLo);
                    }
                    return Verdict.NONE;
                }
                case RuleOp.DNAT -> {
                    endpoints.add(new IpAddress(ch.addr[2 * i], ch.addr[2 * i + 1]).withPort(ch.target[i]));
                    dnats.add(new int[] {c});
                    return Verdict.NONE;
                }
                case RuleOp.DROP -> {
                    return Verdict.DROP;
                }
                case RuleOp.REJECT -> {
                    return Verdict.REJECT;
                }
                default -> {
                }
            }
        }
        return Verdict.NONE;
    }

    private boolean matches(CompiledChain ch, int i, int match, long dHi, long dLo) {
        return switch (match) {
            case RuleOp.ALWAYS -> true;
            case RuleOp.DADDR_EQ -> ch.addr[2 * i] == dHi && ch.addr[2 * i + 1] == dLo;
            case RuleOp.DADDR_EQ_SADDR_NOT_IN -> ch.addr[2 * i] == dHi && ch.addr[2 * i + 1] == dLo
                    && !ch.cidrs[i].contains(sHi, sLo);
            case RuleOp.SADDR_IN -> ch.cidrs[i].contains(sHi, sLo);
            case RuleOp.SADDR_LOCAL -> NftablesClassifier.isLocal(t, sHi, sLo);
            case RuleOp.SADDR_EQ -> ch.addr[2 * i] == sHi && ch.addr[2 * i + 1] == sLo;
            case RuleOp.SADDR_NOT_IN -> !ch.cidrs[i].contains(sHi, sLo);
            default -> false;
        };
    }

    private String target(int v) {
        if (v == NftablesTables.MISSING) {
            return "no match";
        }
        return v == NftablesTables.DROP ? "drop" : "goto " + t.chains[v].name;
    }

    private Explanation done(Verdict v) {
        if (v == Verdict.DROP || v == Verdict.REJECT) {
            path.add("verdict: " + v.name().toLowerCase(java.util.Locale.ROOT));
        }
        return new Explanation(v, v == Verdict.DNAT ? endpoints : List.of(), masq, path, rules);
    }
}
