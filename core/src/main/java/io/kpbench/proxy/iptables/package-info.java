/**
 * kube-proxy's iptables mode ({@code pkg/proxy/iptables/proxier.go}): the rules it writes, and a packet walk over
 * them that costs what netfilter's linear {@code ipt_do_table} costs.
 *
 * <h2>Mechanism</h2>
 * A sync turns a {@link io.kpbench.cluster.ClusterSnapshot} into the exact iptables-restore input kube-proxy would
 * write ({@link io.kpbench.proxy.iptables.RestoreWriter}, {@link io.kpbench.proxy.iptables.ServicePortWriter}):
 * KUBE-SERVICES with one rule per service IP:port, KUBE-NODEPORTS, and per service port the KUBE-SVC/SVL
 * (one {@code statistic} rule per endpoint), KUBE-EXT, KUBE-FW and KUBE-SEP chains, plus the filter chains.
 * A partial sync re-emits only the per-service chains of changed services and flushes and deletes ({@code -X})
 * stale ones. The text is applied with {@code --noflush} semantics to modelled kernel tables
 * ({@link io.kpbench.proxy.iptables.NetfilterTables}), parsed rule by rule
 * ({@link io.kpbench.proxy.iptables.RuleParser}) and compiled into packed primitive arrays
 * ({@link io.kpbench.proxy.iptables.RuleCompiler}, {@link io.kpbench.proxy.iptables.CompiledRuleset}). The same
 * parser reads {@code iptables-save} text from a real node ({@link io.kpbench.proxy.iptables.IptablesSaveDataPlane}).
 *
 * <h2>Data plane</h2>
 * {@link io.kpbench.proxy.iptables.LinearRuleWalker} walks a NEW packet from nat PREROUTING, rule by rule, with real
 * matchers (prefixes with negation, protocol, port, addrtype LOCAL, statistic random against a per-rule random
 * derived from the packet's, xt_recent lists in {@link io.kpbench.proxy.iptables.RecentTable}, mark, conntrack
 * state), applies the DNAT it reaches, then runs the filter chains kube-proxy's own packet tracer runs. Masquerade
 * is the mark's masquerade bit at the end. Nothing is indexed or cached: that is the cost being measured.
 * {@link io.kpbench.proxy.iptables.RuleExplorer} is the tracer itself, following every statistic branch.
 *
 * <h2>Cost model</h2>
 * A NEW packet to the k-th of S service IP:ports evaluates about k KUBE-SERVICES rules (S/2 on average; a NodePort
 * packet all S plus the KUBE-NODEPORTS prefix), then 1 masquerade rule and on average (n+1)/2 statistic rules of an
 * n-endpoint SVC chain (n more with ClientIP affinity), 2 SEP rules and a few filter rules. Measured: about 55, 512
 * and 5010 rules per ClusterIP packet for 100, 1,000 and 10,000 single-port services. A sync writes O(S + E) lines
 * (full) or O(S + changed endpoints) lines (partial); {@link io.kpbench.proxy.SyncStats} reports them.
 */
package io.kpbench.proxy.iptables;
