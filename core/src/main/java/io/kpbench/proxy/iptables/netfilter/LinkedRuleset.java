package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.table.AddressLongMap;

/**
 * The arrays {@link RulesetLinker} lays a ruleset out in, as the kernel's {@code xt_table_info} blob holds one
 * table's {@code ipt_entry}s back to back: chains are contiguous rule ranges, rules are ranges of match ops (each
 * with four long operands, {@link Opcodes}) and one target kind with one int operand.
 *
 * @param chainTable per chain, its table name
 * @param chainName per chain, its name
 * @param chainFirst per chain, its first rule
 * @param chainEnd per chain, one past its last rule
 * @param ruleMatchFirst per rule, its first match
 * @param ruleMatchEnd per rule, one past its last match
 * @param ruleKind per rule, its target kind
 * @param ruleArg per rule, its target operand (chain, endpoint id or mark)
 * @param ruleProbabilistic per rule, whether it has a statistic match
 * @param chainSource per chain, the kernel chain it was linked from
 * @param matchOp per match, its op
 * @param matchArg per match, four long operands
 * @param localNets the node's local addresses as value/mask quads
 * @param endpointHi per endpoint id, the DNAT address high bits
 * @param endpointLo per endpoint id, the DNAT address low bits
 * @param endpointPort per endpoint id, the DNAT port
 * @param recents per recent-list id, its list
 * @param natEntry the nat walk's entry chain, or -1
 * @param filterEntries the filter chains run after nat, in order
 * @param masqMark the masquerade mark bit
 */
public record LinkedRuleset(String[] chainTable, String[] chainName, int[] chainFirst, int[] chainEnd,
        int[] ruleMatchFirst, int[] ruleMatchEnd, int[] ruleKind, int[] ruleArg, boolean[] ruleProbabilistic,
        NetfilterTables.Chain[] chainSource, int[] matchOp, long[] matchArg, long[] localNets, long[] endpointHi,
        long[] endpointLo, int[] endpointPort, AddressLongMap[] recents, int natEntry, int[] filterEntries,
        int masqMark) {
}
