/**
 * kube-proxy's IPVS mode: the kernel's IPVS tables and schedulers, plus the ipsets and the constant set of
 * iptables rules kube-proxy keeps next to them.
 *
 * <h2>Mechanism</h2>
 * A NEW packet runs nat {@code KUBE-SERVICES} (ipset matches decide the masquerade mark), filter INPUT
 * ({@code KUBE-IPVS-FILTER}, {@code KUBE-PROXY-FIREWALL}, {@code KUBE-NODE-PORT}), then, when its destination
 * is local (a node IP or an address bound to kube-ipvs0), IPVS at LOCAL_IN: a connection-table lookup, the
 * virtual-server lookup in {@link io.kpbench.proxy.ipvs.VirtualServerTable}, the scheduler (or the persistence
 * template), and a new connection entry; finally {@code KUBE-POSTROUTING}'s hairpin ipset. A virtual server
 * with no available real server answers ICMP port unreachable ({@code ip_vs_leave}).
 *
 * <h2>Cost model</h2>
 * <ul>
 *   <li>Virtual-server lookup: a walk of one of 2^8 = 256 fixed chains; with S virtual servers the mean chain
 *       is S/256 nodes (about 4 at 10^3, 39 at 10^4, 390 at 10^5), a hit walks half of it on average and a
 *       miss all of it. This is the term that grows with the cluster.</li>
 *   <li>Connection lookup: one of 2^12 = 4096 chains, C/4096 nodes for C live connections and templates.</li>
 *   <li>iptables: about 10-25 rules and one ipset probe per {@code -m set}, independent of S.</li>
 *   <li>Scheduler: O(1) for rr (unless quiesced servers), sh, dh, mh; O(real servers) for wrr's passes,
 *       lc, wlc, sed, nq, lblc, lblcr.</li>
 *   <li>Sync: every sync dumps every virtual server (3 netlink reads each); writes are one netlink call per
 *       changed virtual server, real server or kube-ipvs0 address, and one {@code ipset} call per changed
 *       entry.</li>
 * </ul>
 *
 * <h2>Source code organization</h2>
 * {@code IpvsDataPlane} (the {@code DataPlane}), {@code IpvsCompiler}/{@code IpvsSync}/{@code
 * GracefulTermination} (control plane), {@code IpvsCore} (kernel operations), {@code VirtualServerTable},
 * {@code RealServerPool}, {@code IpvsConnTable}, the schedulers ({@code IpvsScheduler} and one class each),
 * {@code IpvsIpSets}/{@code LongOpenHashSet}, {@code IpvsIptables} (the rules as code),
 * {@code IpvsExplainer} and {@code IpvsRender}/{@code IpvsIptablesText} (text forms); for IPv6
 * {@code AddressBook} (control-plane address ids), {@code IpvsPath6}, {@code IpvsIptables6} and
 * {@code IpvsRender6}.
 */
package io.kpbench.proxy.ipvs;
