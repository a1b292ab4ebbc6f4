package io.kpbench.proxy.nftables.nft;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import java.util.List;

/**
 * One rule of a kube-proxy chain, in both forms: the nft text ({@code add rule ip kube-proxy <chain> <text>})
 * and the parts the evaluator compiles.
 *
 * @param text the rule as nft prints it, without the {@code add rule <family> kube-proxy <chain>} head
 * @param op a {@link RuleOp#of} opcode
 * @param target the chain a goto jumps to, or the endpoint chain of an affinity lookup; null otherwise
 * @param targets the endpoint chains of a numgen vmap, in index order
 * @param addr the address a daddr/saddr match compares with, or the DNAT address; null otherwise
 * @param cidrs the prefixes of a saddr/daddr prefix match
 * @param port the DNAT port, or 0
 */
public record Rule(String text, int op, String target, List<String> targets, IpAddress addr, List<Cidr> cidrs, int port) {
    public Rule {
        targets = List.copyOf(targets);
        cidrs = List.copyOf(cidrs);
    }

    static Rule of(String text, int match, int statement) {
        return new Rule(text, RuleOp.of(match, statement), null, List.of(), null, List.of(), 0);
    }

    Rule withTarget(String chain) {
        return new Rule(text, op, chain, targets, addr, cidrs, port);
    }

    Rule withAddr(IpAddress a) {
        return new Rule(text, op, target, targets, a, cidrs, port);
    }

    Rule withCidrs(List<Cidr> c) {
        return new Rule(text, op, target, targets, addr, c, port);
    }
}
