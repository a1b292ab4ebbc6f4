/**
 * The control plane at scale: kube-proxy's sync loop, simulated on a virtual clock over a mode's real data plane,
 * to measure the network programming latency of each change under a stream of churn.
 *
 * <h2>Mechanism</h2>
 * <pre>
 *   ChangeStream (seeded, Poisson at a rate: rolling updates, scale up/down, service create/delete)
 *        │ TimedChange (API events + Probe)
 *        ▼
 *   KubeProxyLoop (BoundedFrequencyRunner: one sync at a time, minSyncPeriod cooldown, hourly full resync)
 *        │ batch ─▶ SyncTarget.partialSync / fullSync ─▶ MeasuredDataPlane: nanoTime around DataPlane.sync
 *        ▼                                                the virtual clock advances by the measured time
 *   LoopResult: per-change latency (arrival → end of its sync) in an HdrHistogram, syncs, sync CPU share,
 *               Probe checks (fails before the sync, holds after it)
 * </pre>
 *
 * <h2>Source code organisation</h2>
 * <ul>
 * <li>{@link io.kpbench.control.ChangeStream}, {@code ClusterEdits}, {@link io.kpbench.control.ChangeKind},
 * {@link io.kpbench.control.TimedChange}, {@link io.kpbench.control.ChangeSource}: the changes.</li>
 * <li>{@link io.kpbench.control.KubeProxyLoop}, {@link io.kpbench.control.LoopResult}: the batching and what it
 * measured.</li>
 * <li>{@link io.kpbench.control.SyncTarget}, {@link io.kpbench.control.MeasuredDataPlane},
 * {@link io.kpbench.control.Probe}: what is synced and how a change is seen in it.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * A sync costs the model's compile into its tables in this JVM, not an {@code iptables-restore} or an
 * {@code nft -f} into a kernel; the informers' and change trackers' own work is not timed. One proxier (one node,
 * IPv4) is simulated.
 */
package io.kpbench.control;
