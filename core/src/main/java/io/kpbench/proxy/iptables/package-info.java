/**
 * kube-proxy's iptables mode: linear chains walked rule by rule.
 *
 * <pre>
 *  tables (IptablesTables, one volatile reference)         cost per NEW packet
 *  KUBE-SERVICES [r0][r1] ... [rS] --match dst:port-->     ~S/2 rules scanned, linear
 *  KUBE-SVC-x    [p=1/n]...[p=1]   --statistic-->          + up to n rules
 *  KUBE-SEP-x    [DNAT ip:port]                            + 2 rules
 *  filter KUBE-SERVICES ... KUBE-PROXY-FIREWALL            + a few rules
 * </pre>
 *
 * <p><b>Dependent cache lines per NEW packet</b> (loads each needing the value of the one before, which the core cannot
 * overlap: each costs {@code MemoryFloorBenchmark}'s figure at the tables' size; a level is one link of that chain, and
 * the lines of one level overlap): kernel about 2-4 after the scan: KUBE-SERVICES's ~S/2 entries are read in address
 * order (each entry's size leads to the next, a constant stride), a stream the prefetchers run ahead of, so they cost
 * compares, not dependent misses; the jumps to KUBE-SVC-x and then KUBE-SEP-x land on cold entries, 1-2 lines each (the
 * DNAT target is inline, the fixed chains are hot). This model: the scan streams {@code ruleKeys} (16 bytes a rule,
 * prefetchable); then the matched rule's target, that chain's bounds, its rules' keys, match operands and kinds, the
 * same again for the SEP chain, and the endpoint's columns: about 8 levels (15-20 lines) over per-rule columns of about
 * 1M rules at 30k services (several MB each).
 *
 * <p>Roles: {@link io.kpbench.proxy.iptables.IptablesDataPlane} (the seam), {@link
 * io.kpbench.proxy.iptables.IptablesCompiler}, {@link io.kpbench.proxy.iptables.IptablesTables}, {@link
 * io.kpbench.proxy.iptables.IptablesClassifier} (with its {@link io.kpbench.proxy.iptables.WalkRegister}), {@link
 * io.kpbench.proxy.iptables.IptablesExplainer}, {@link io.kpbench.proxy.iptables.IptablesRenderer}; netfilter's own
 * mechanics (rule parser, matches, targets, kernel tables, restore writer and buffers, linker) are in {@link
 * io.kpbench.proxy.iptables.netfilter}. Follows {@code syncProxyRules} in {@code pkg/proxy/iptables/proxier.go}
 * (Kubernetes v1.33) and the kernel's {@code ipt_do_table} ({@code net/ipv4/netfilter/ip_tables.c}).
 *
 * <h2>Mechanism</h2>
 * A sync writes the exact iptables-restore input kube-proxy would write ({@code netfilter.RestoreWriter}, {@code
 * netfilter.ServicePortWriter}): KUBE-SERVICES with one rule per service IP:port, KUBE-NODEPORTS, and per service
 * port the KUBE-SVC/SVL (one {@code statistic} rule per endpoint), KUBE-EXT, KUBE-FW and KUBE-SEP chains, plus the
 * filter chains. A partial sync re-emits only the per-service chains of changed services and flushes and deletes
 * ({@code -X}) stale ones. The input is applied with {@code --noflush} semantics to modelled kernel tables ({@link
 * io.kpbench.proxy.iptables.netfilter.NetfilterTables}) and compiled into packed primitive arrays ({@link
 * io.kpbench.proxy.iptables.netfilter.RulesetLinker}, {@link io.kpbench.proxy.iptables.IptablesTables}).
 *
 * <p>Two routes lead to the same arrays. The O(services) part (static chains, KUBE-SERVICES, KUBE-NODEPORTS, filter
 * rules) is written as text and parsed rule by rule ({@link io.kpbench.proxy.iptables.netfilter.RuleParser}). The
 * O(endpoints) part, each service port's own chains, is never turned into text during a sync: the writer's {@link
 * io.kpbench.proxy.iptables.netfilter.RuleLine} tokens go straight to the parser's grammar and into that port's
 * {@link io.kpbench.proxy.iptables.netfilter.RuleSegment}, which the kernel model keeps as those chains' content;
 * their text is regenerated from the port's {@link io.kpbench.proxy.iptables.netfilter.ServicePortSource} only for
 * {@code render()}, {@code explain()} and {@code lastRestoreInput()}. {@link io.kpbench.proxy.SyncStats} counts the
 * lines of the full text either way. The golden test checks the regenerated text, and the round-trip test checks
 * that the compiled segments behave exactly like the parsed text. The same parser reads {@code iptables-save} text
 * from a real node ({@link io.kpbench.proxy.iptables.IptablesDataPlane#fromSave}).
 *
 * <h2>Data plane</h2>
 * {@link io.kpbench.proxy.iptables.IptablesClassifier} walks a NEW packet from nat PREROUTING, rule by rule, with
 * real matchers (prefixes with negation, protocol, port, addrtype LOCAL, statistic random against a per-rule random
 * derived from the packet's, xt_recent lists in {@link io.kpbench.table.AddressLongMap}, mark, conntrack state),
 * applies the DNAT it reaches, then runs the filter chains kube-proxy's own packet tracer runs. Masquerade is the
 * mark's masquerade bit at the end. Nothing is indexed or cached: that is the cost being measured. A rule whose
 * matches are only {@code -p}, an IPv4 {@code -d} and {@code --dport} (every KUBE-SERVICES service rule) is one
 * masked 64-bit compare ({@link io.kpbench.proxy.iptables.netfilter.RuleKey}); any other rule has its matches
 * evaluated one by one. {@link io.kpbench.proxy.iptables.IptablesExplainer} is the tracer itself, following every
 * statistic branch.
 *
 * <h2>Cost model</h2>
 * A NEW packet to the k-th of S service IP:ports evaluates about k KUBE-SERVICES rules (S/2 on average; a NodePort
 * packet all S plus the KUBE-NODEPORTS prefix), then 1 masquerade rule and on average (n+1)/2 statistic rules of an
 * n-endpoint SVC chain (n more with ClientIP affinity), 2 SEP rules and a few filter rules: about 55, 514, 5,027,
 * 15,067 and 50,702 rules per ClusterIP packet for 100, 1k, 10k, 30k and 100k single-port services with 10
 * endpoints. The KUBE-SERVICES scan costs one masked compare of 16 bytes per rule, so a packet costs O(S): {@code
 * FirstPacketClassifyBenchmark} measures it, with the rules walked per packet (the classification's work) as a
 * per-thread counter. Measured on a shared 2-core machine at load 6-8 (medians): 0.79 us, 6.6 us and 15.8 us per
 * packet at 1k, 10k and 30k services in wall time (1.1-1.5 ns per rule; the previous switch-per-match walk gave 2.8,
 * 28.6 and 138 us), and 1.2 us, 4.0 us, 10.9 us and 21 us at 1k, 10k, 30k and 100k in thread CPU time (0.4-0.8 ns
 * per rule once KUBE-SERVICES dominates; about 0.4 us per packet is the fixed SVC/SEP/filter part).
 *
 * <p>A sync writes O(S + E) lines (full) or O(S + changed endpoints) lines (partial). Full sync, same machine,
 * thread CPU time (wall time in brackets, inflated 2-4 times by the load and by GC): 0.1 s (0.6 s) for 1k services x
 * 10 endpoints (43k restore lines), 0.42 s (1.0 s) for 10k (430k lines), 1.3 s (2.6 s) for 30k (1.29M lines) and 4.8
 * s (14 s) for 100k (4.3M lines), about 1 us of CPU per line. A partial sync writes and parses only O(S) text but
 * still re-links every rule into fresh arrays (O(all rules), no text for unchanged chains): 0.24 s, 0.48 s and 1.5 s
 * wall at 1k, 10k and 30k. At 100k the kernel model and the compiled arrays hold about 0.8 GB: with a 6 GB heap a
 * partial sync took 18 s wall, mostly full GCs; with the benchmarks' 2 GB ParallelGC heap the first full sync (19 s)
 * and a partial sync (22 s) complete between back-to-back full GCs and a second full sync runs out of memory.
 * <p>Versions followed: kube-proxy v1.33, Linux 6.12 ({@link io.kpbench.common.ModelVersions}).
 */
package io.kpbench.proxy.iptables;
