package io.kpbench.proxy.nftables.nft;

import io.kpbench.table.AddressLongMap;
import java.util.List;
import java.util.Map;

/**
 * One regular nft chain compiled to parallel primitive arrays, one slot per rule: what the evaluator walks
 * rule by rule, as the kernel walks a chain's expressions ({@code nft_do_chain}).
 *
 * <p>Slot {@code i} holds the opcode ({@link RuleOp}), the goto target chain id (or the DNAT port), the
 * compared address as two longs, the prefix list of a prefix match and the affinity set of a lookup or update.
 * A numgen vmap's chain ids are in {@link #numgen}, indexed by {@code random mod N}.
 */
public final class CompiledChain {
    public final String name;
    public final int[] op;
    public final int[] target;
    public final long[] addr;
    public final CidrList[] cidrs;
    public final AddressLongMap[] sets;
    public final int[] numgen;
    public final String[] text;

    private CompiledChain(String name, int n, int numgenSize) {
        this.name = name;
        this.op = new int[n];
        this.target = new int[n];
        this.addr = new long[2 * n];
        this.cidrs = new CidrList[n];
        this.sets = new AddressLongMap[n];
        this.numgen = new int[numgenSize];
        this.text = new String[n];
    }

    /** An empty chain (a flushed one). */
    public static CompiledChain empty(String name) {
        return new CompiledChain(name, 0, 0);
    }

    /** A chain holding the single rule {@code text} with opcode {@code op}. */
    public static CompiledChain single(String name, String text, int op) {
        CompiledChain c = new CompiledChain(name, 1, 0);
        c.op[0] = op;
        c.text[0] = text;
        return c;
    }

    /** Compiles {@code spec}, resolving chain names through {@code ids} (-1 when absent). */
    public static CompiledChain compile(ChainSpec spec, Map<String, Integer> ids, Map<String, AddressLongMap> affinity) {
        List<Rule> rules = spec.rules();
        int numgenSize = 0;
        for (Rule r : rules) {
            numgenSize = Math.max(numgenSize, r.targets().size());
        }
        CompiledChain c = new CompiledChain(spec.name(), rules.size(), numgenSize);
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            c.op[i] = r.op();
            c.text[i] = r.text();
            c.target[i] = r.target() == null ? r.port() : ids.getOrDefault(r.target(), -1);
            if (r.addr() != null) {
                c.addr[2 * i] = r.addr().hi();
                c.addr[2 * i + 1] = r.addr().lo();
            }
            if (!r.cidrs().isEmpty()) {
                c.cidrs[i] = new CidrList(r.cidrs());
            }
            for (int k = 0; k < r.targets().size(); k++) {
                c.numgen[k] = ids.getOrDefault(r.targets().get(k), -1);
            }
            int stmt = r.op() & 15;
            if (stmt == RuleOp.UPDATE_AFFINITY) {
                c.sets[i] = affinity.get(affinitySetOf(spec.name()));
            } else if ((r.op() >>> 4) == RuleOp.SADDR_IN_AFFINITY) {
                c.sets[i] = affinity.get(affinitySetOf(r.target()));
            }
        }
        return c;
    }

    /** The rule count. */
    public int size() {
        return op.length;
    }

    private static String affinitySetOf(String endpointChain) {
        return ChainNames.AFFINITY + endpointChain.substring(ChainNames.ENDPOINT.length());
    }
}
