/**
 * Capacity planning: the hard limits a cluster meets in each proxy mode, how much headroom it has, and which
 * limit its growth (×2, ×5, ×10) hits first, with the sizes of what each mode programs. What
 * {@code kpbench plan} prints. Counts come from the model itself (the iptables and nftables proxiers' full
 * sync, the eBPF compiler's map accounting) and grow by arithmetic: a count of the cluster grown ×N is
 * {@code empty + N × (cluster − empty)}, exact for the counts of rules, lines, entries and ports of the cluster
 * {@link io.kpbench.cluster.growth.ClusterGrowth} produces (tested), and an upper bound for the bytes of the
 * iptables-restore input (kube-proxy drops the per-endpoint comments past 1000 endpoints, and new names and
 * addresses differ in length). Every limit cites its source ({@code Citation}, the texts in
 * {@code citations.properties}; the numbers in {@link io.kpbench.plan.Sources}).
 *
 * <p>Layer: above {@code cluster}, {@code proxy} and {@code conntrack} (whose timeout and limit constants it
 * reads); only {@code cli} imports it.
 */
package io.kpbench.plan;
