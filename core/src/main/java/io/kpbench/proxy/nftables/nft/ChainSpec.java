package io.kpbench.proxy.nftables.nft;

import java.util.List;

/**
 * A regular chain kube-proxy writes for one service port: its name and rules in order.
 *
 * @param name the chain name, e.g. {@code service-ULMVA6XW-ns1/svc1/tcp/p80}
 * @param rules the rules in order
 */
public record ChainSpec(String name, List<Rule> rules) {
    public ChainSpec {
        rules = List.copyOf(rules);
    }
}
