/**
 * kube-proxy's iptables mode ({@code pkg/proxy/iptables/proxier.go}): the rules it writes, and a packet walk over
 * them that costs what netfilter's linear {@code ipt_do_table} costs.
 *
 * <h2>Mechanism</h2>
 * A sync writes the exact iptables-restore input kube-proxy would write ({@link io.kpbench.proxy.iptables.RestoreWriter},
 * {@link io.kpbench.proxy.iptables.ServicePortWriter}): KUBE-SERVICES with one rule per service IP:port,
 * KUBE-NODEPORTS, and per service port the KUBE-SVC/SVL (one {@code statistic} rule per endpoint), KUBE-EXT,
 * KUBE-FW and KUBE-SEP chains, plus the filter chains. A partial sync re-emits only the per-service chains of
 * changed services and flushes and deletes ({@code -X}) stale ones. The input is applied with {@code --noflush}
 * semantics to modelled kernel tables ({@link io.kpbench.proxy.iptables.NetfilterTables}) and compiled into packed
 * primitive arrays ({@link io.kpbench.proxy.iptables.RuleCompiler}, {@link io.kpbench.proxy.iptables.CompiledRuleset}).
 *
 * <p>Two routes lead to the same arrays. The O(services) part (static chains, KUBE-SERVICES, KUBE-NODEPORTS,
 * filter rules) is written as text and parsed rule by rule ({@link io.kpbench.proxy.iptables.RuleParser}). The
 * O(endpoints) part, each service port's own chains, is never turned into text during a sync: the writer's
 * {@link io.kpbench.proxy.iptables.RuleLine} tokens go straight to the parser's grammar and into that port's
 * {@link io.kpbench.proxy.iptables.RuleSegment}, which the kernel model keeps as those chains' content; their text
 * is regenerated from the port's {@link io.kpbench.proxy.iptables.ServicePortSource} only for {@code render()},
 * {@code explain()} and {@code lastRestoreInput()}. {@link io.kpbench.proxy.SyncStats} counts the lines of the
 * full text either way. The golden test checks the regenerated text, and the round-trip test checks that the
 * compiled segments behave exactly like the parsed text. The same parser reads {@code iptables-save} text from a
 * real node ({@link io.kpbench.proxy.iptables.IptablesSaveDataPlane}).
 *
 * <h2>Data plane</h2>
 * {@link io.kpbench.proxy.iptables.LinearRuleWalker} walks a NEW packet from nat PREROUTING, rule by rule, with real
 * matchers (prefixes with negation, protocol, port, addrtype LOCAL, statistic random against a per-rule random
 * derived from the packet's, xt_recent lists in {@link io.kpbench.proxy.iptables.RecentTable}, mark, conntrack
 * state), applies the DNAT it reaches, then runs the filter chains kube-proxy's own packet tracer runs. Masquerade
 * is the mark's masquerade bit at the end. Nothing is indexed or cached: that is the cost being measured. A rule
 * whose matches are only {@code -p}, an IPv4 {@code -d} and {@code --dport} (every KUBE-SERVICES service rule) is
 * one masked 64-bit compare ({@link io.kpbench.proxy.iptables.RuleKey}); any other rule has its matches evaluated
 * one by one. {@link io.kpbench.proxy.iptables.RuleExplorer} is the tracer itself, following every statistic branch.
 *
 * <h2>Cost model</h2>
 * A NEW packet to the k-th of S service IP:ports evaluates about k KUBE-SERVICES rules (S/2 on average; a NodePort
 * packet all S plus the KUBE-NODEPORTS prefix), then 1 masquerade rule and on average (n+1)/2 statistic rules of an
 * n-endpoint SVC chain (n more with ClientIP affinity), 2 SEP rules and a few filter rules: about 55, 514, 5,027
 * and 15,067 rules per ClusterIP packet for 100, 1,000, 10,000 and 30,000 single-port services with 10 endpoints.
 * Measured ({@code IptablesCostProbe}, thread CPU time, median of 5, a shared 2-core machine at load 5-7):
 * about 0.7-0.9 ns per rule once KUBE-SERVICES dominates (1.2 us per packet at 1k services, 4.2 us at 10k,
 * 9.9 us at 30k; {@code IptablesClassifyBenchmark} agrees, 0.7-1.3 ns per rule in wall time), that is, O(S).
 *
 * <p>A sync writes O(S + E) lines (full) or O(S + changed endpoints) lines (partial). Measured CPU time of a full
 * sync: about 0.09 s for 1k services x 10 endpoints (43k restore lines), 0.4-0.55 s for 10k (430k lines) and
 * 1.3 s for 30k (1.29M lines), roughly 1 us per line; wall time on the loaded machine was 3-5 times that. A
 * partial sync still re-links every rule into fresh arrays (O(all rules), no text for unchanged chains), so it
 * costs about half a full sync. The kernel model holds about 8 MB per 1k services x 10 endpoints.
 */
package io.kpbench.proxy.iptables;
