/**
 * Deterministic load-balancing quality experiments (not JMH): how evenly each selection mechanism spreads
 * flows over N endpoints, and how many flows change endpoint when one endpoint is removed or added.
 *
 * <h2>Mechanisms</h2>
 * {@code random} (eBPF, slot = prandom mod count), {@code maglev} (eBPF) at Cilium table sizes M &gt;= N
 * (Maglev §3.4), {@code round-robin} (userspace), {@code modulo} (hash(5-tuple) mod N, the baseline
 * consistent hashing improves on), and, through the {@link io.kpbench.proxy.ProxyMode} registry, every other
 * mode available in this build with its default selection (iptables {@code statistic}, nftables
 * {@code numgen}, IPVS schedulers); unavailable modes are skipped.
 *
 * <h2>Method</h2>
 * One NodePort service with N remote endpoints, one node; a seeded set of external flows (random client
 * address and port, one uniformly random 64-bit draw per flow) is classified through each real
 * {@link io.kpbench.proxy.DataPlane}. Evenness: max/mean and the coefficient of variation of flows per endpoint
 * ({@code lb-distribution.csv}). Disruption: the same flows are classified before and after the change (random
 * selection draws afresh, as a new connection would; round robin replays the flows in the same order) and the fraction
 * whose endpoint differs is compared with the optimum, 1/N for a removal and 1/(N+1) for an addition
 * ({@code lb-disruption.csv}).
 * Expected: round robin CV 0; random CV about sqrt(N/flows); Maglev near its slot rounding; disruption
 * about 1/N for Maglev (plus a surplus shrinking with M/N) and about 1 - 1/N for the others.
 */
package io.kpbench.proxy.quality;
