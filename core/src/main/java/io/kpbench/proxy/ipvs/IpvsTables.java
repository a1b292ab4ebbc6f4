package io.kpbench.proxy.ipvs;

import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ipvs.companion.CompanionRules;
import io.kpbench.proxy.ipvs.companion.IpSets;
import io.kpbench.proxy.ipvs.kernel.AddressBook;
import io.kpbench.proxy.ipvs.kernel.IpvsNetlink;
import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * What an IPVS proxier's packets read, for one IP family: the kernel's virtual-server table, real-server pool and
 * scheduler module, and kube-proxy's ipsets and companion iptables rules, all array-backed.
 *
 * <p>Unlike the other modes' tables these are not rebuilt and swapped on a sync: kube-proxy edits the kernel's
 * objects in place through netlink ({@link #netlink}, as {@code ip_vs_ctl.c} edits {@code ip_vs_svc_table} under
 * RCU) and through {@code ipset add/del}, so the model does the same, from the single-threaded sync, and the data
 * plane republishes this one object through its volatile reference after each sync. The connection table, which
 * every first packet writes, is per-packet state and lives apart in
 * {@link io.kpbench.proxy.ipvs.kernel.ConnectionTable}.
 */
final class IpvsTables {
    final IpvsConfig config;
    final AddressBook book;
    /** True on an IPv6 proxier: the hashed address word is the fold, and full addresses are compared. */
    final boolean v6;
    final VirtualServerTable vst;
    final RealServerPool rs;
    final IpvsScheduler sched;
    final IpvsNetlink netlink;
    final IpSets ipsets;
    final CompanionRules rules;

    /** Empty tables for {@code node}'s addresses of {@code family}. */
    IpvsTables(NodeConfig node, IpFamily family, IpvsConfig config) {
        this.config = config;
        this.book = new AddressBook(family);
        this.v6 = book.v6();
        this.vst = new VirtualServerTable(config.svcTabBits(), 64, book);
        this.rs = new RealServerPool(256, book);
        this.sched = config.newScheduler(vst, rs);
        this.netlink = new IpvsNetlink(vst, rs, sched);
        this.ipsets = new IpSets(book);
        this.rules = new CompanionRules(ipsets, node.nodeIPs(family), node.clusterCIDRs(family),
                node.masqueradeAll());
    }
}
