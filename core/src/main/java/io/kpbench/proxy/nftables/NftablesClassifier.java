package io.kpbench.proxy.nftables;

import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.nftables.nft.CidrList;
import io.kpbench.proxy.nftables.nft.CompiledChain;
import io.kpbench.proxy.nftables.nft.RuleOp;
import io.kpbench.table.AddressLongMap;

/**
 * Classifies a NEW packet against an {@link NftablesTables} as the kernel would run kube-proxy's base chains: the
 * pre-DNAT filter hook ({@code firewall-check}), the nat prerouting hook ({@code services}, then a service chain
 * and an endpoint chain), the DNAT, then the filter forward hook ({@code service-endpoints-check},
 * {@code cluster-ips-check}) or, for a local destination, the filter input hook
 * ({@code nodeport-endpoints-check}, {@code service-endpoints-check}).
 *
 * <p>Every map and set access is one O(1) probe; a chain is walked rule by rule. The result is a
 * {@link Classification} whose work is each rule examined plus each map or set lookup; a chain's partial result
 * uses the same layout. Allocation-free.
 */
final class NftablesClassifier {
    private static final long FALLTHROUGH = Verdict.NONE.ordinal();
    private static final long MASQ = Classification.MASQ;

    private NftablesClassifier() {
    }

    /** Classifies a NEW packet into a {@link Classification} carrying the rules and lookups it cost. */
    static long classify(NftablesTables t, FiveTuple p, long now, long random) {
        long sHi = p.srcHi();
        long sLo = p.srcLo();
        long dHi = p.dstHi();
        long dLo = p.dstLo();
        int proto = p.protocol();
        int dport = p.dstPort();
        long key = t.key(dHi, dLo, proto, dport);
        int n = 3;
        int fw = key == -1L ? NftablesTables.MISSING : t.firewallIps.get(key);
        long masq = 0;
        if (fw >= 0) {
            long r = runChain(t, fw, sHi, sLo, dHi, dLo, now, random);
            n += rules(r);
            masq |= r & MASQ;
            int v = Classification.verdictOrdinal(r);
            if (v == Verdict.DROP.ordinal() || v == Verdict.REJECT.ordinal()) {
                return withCount(r, n);
            }
        }
        n += 3;
        int svc = key == -1L ? NftablesTables.MISSING : t.serviceIps.get(key);
        long nat = FALLTHROUGH;
        if (svc >= 0) {
            nat = runChain(t, svc, sHi, sLo, dHi, dLo, now, random);
        } else {
            n += 2;
            if (t.nodePortIps.contains(dHi, dLo)) {
                n++;
                int np = t.serviceNodePorts.get(((long) proto << 16) | dport);
                if (np >= 0) {
                    nat = runChain(t, np, sHi, sLo, dHi, dLo, now, random);
                }
            }
        }
        n += rules(nat);
        masq |= nat & MASQ;
        int natVerdict = Classification.verdictOrdinal(nat);
        if (natVerdict == Verdict.DROP.ordinal() || natVerdict == Verdict.REJECT.ordinal()) {
            return withCount(nat, n);
        }
        int endpoint = -1;
        if (natVerdict == Verdict.DNAT.ordinal()) {
            endpoint = Classification.endpoint(nat);
            CompiledChain ep = t.chains[endpoint];
            int last = ep.size() - 1;
            dHi = ep.addr[2 * last];
            dLo = ep.addr[2 * last + 1];
            dport = ep.target[last];
            key = t.key(dHi, dLo, proto, dport);
        }
        int filter;
        if (isLocal(t, dHi, dLo)) {
            n += 3;
            filter = NftablesTables.MISSING;
            if (t.nodePortIps.contains(dHi, dLo)) {
                n++;
                filter = t.noEndpointNodePorts.get(((long) proto << 16) | dport);
            }
            if (filter == NftablesTables.MISSING) {
                n += 3;
                filter = key == -1L ? NftablesTables.MISSING : t.noEndpointServices.get(key);
            }
        } else {
            n += 3;
            filter = key == -1L ? NftablesTables.MISSING : t.noEndpointServices.get(key);
            if (filter == NftablesTables.MISSING) {
                n += 3;
                if (t.clusterIps.contains(dHi, dLo)) {
                    filter = t.rejectChain;
                } else {
                    n++;
                    CidrList sc = t.serviceCidrs;
                    if (sc != null && sc.contains(dHi, dLo)) {
                        filter = NftablesTables.DROP;
                    }
                }
            }
        }
        if (filter == NftablesTables.DROP) {
            return withCount(Verdict.DROP.ordinal() | masq, n + 1);
        }
        if (filter >= 0) {
            return withCount(Verdict.REJECT.ordinal() | masq, n + 2);
        }
        if (endpoint >= 0) {
            return withCount(Classification.dnat(endpoint, masq != 0), n);
        }
        return withCount(Verdict.NONE.ordinal() | masq, n);
    }

    /** Runs chain {@code c} until a verdict or its end; goto replaces the current chain. */
    private static long runChain(NftablesTables t, int c, long sHi, long sLo, long dHi, long dLo, long now, long random) {
        CompiledChain[] chains = t.chains;
        CompiledChain ch = chains[c];
        int n = 0;
        long masq = 0;
        int i = 0;
        while (true) {
            if (i >= ch.op.length) {
                return withCount(FALLTHROUGH | masq, n);
            }
            n++;
            int op = ch.op[i];
            if (!matches(ch, i, op >>> 4, sHi, sLo, dHi, dLo, t, now)) {
                i++;
                continue;
            }
            switch (op & 15) {
                case RuleOp.MASQ -> {
                    masq = MASQ;
                    i++;
                }
                case RuleOp.GOTO -> {
                    c = ch.target[i];
                    if (c < 0) {
                        return withCount(FALLTHROUGH | masq, n);
                    }
                    ch = chains[c];
                    i = 0;
                }
                case RuleOp.NUMGEN -> {
                    int[] tg = ch.numgen;
                    c = tg[(int) (((random & 0xFFFF_FFFFL) * tg.length) >>> 32)];
                    n++;
                    ch = chains[c];
                    i = 0;
                }
                case RuleOp.UPDATE_AFFINITY -> {
                    AddressLongMap set = ch.sets[i];
                    if (set != null) {
                        set.put(sHi, sLo, now);
                    }
                    i++;
                }
                case RuleOp.DNAT -> {
                    return withCount(Classification.dnat(c, masq != 0), n);
                }
                case RuleOp.DROP -> {
                    return withCount(Verdict.DROP.ordinal() | masq, n);
                }
                default -> {
                    return withCount(Verdict.REJECT.ordinal() | masq, n);
                }
            }
        }
    }

    private static boolean matches(CompiledChain ch, int i, int match, long sHi, long sLo, long dHi, long dLo,
            NftablesTables t, long now) {
        switch (match) {
            case RuleOp.ALWAYS:
                return true;
            case RuleOp.DADDR_EQ:
                return ch.addr[2 * i] == dHi && ch.addr[2 * i + 1] == dLo;
            case RuleOp.DADDR_EQ_SADDR_NOT_IN:
                return ch.addr[2 * i] == dHi && ch.addr[2 * i + 1] == dLo && !ch.cidrs[i].contains(sHi, sLo);
            case RuleOp.SADDR_IN:
                return ch.cidrs[i].contains(sHi, sLo);
            case RuleOp.SADDR_LOCAL:
                return isLocal(t, sHi, sLo);
            case RuleOp.SADDR_EQ:
                return ch.addr[2 * i] == sHi && ch.addr[2 * i + 1] == sLo;
            case RuleOp.SADDR_NOT_IN:
                return !ch.cidrs[i].contains(sHi, sLo);
            default:
                AddressLongMap set = ch.sets[i];
                return set != null && set.seenWithin(sHi, sLo, now);
        }
    }

    /** {@code fib saddr type local}: a node address or loopback. */
    static boolean isLocal(NftablesTables t, long hi, long lo) {
        if (t.v4) {
            return ((int) lo >>> 24) == 127 || t.localIps.contains(hi, lo);
        }
        return hi == 0L && lo == 1L || t.localIps.contains(hi, lo);
    }

    private static long withCount(long r, int n) {
        return Classification.withWork(r, n);
    }

    private static int rules(long r) {
        return Classification.work(r);
    }
}
