package io.kpbench.proxy.ipvs;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.SyncStats;
import io.kpbench.proxy.Verdict;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * kube-proxy's IPVS mode on one node for one IP family: iptables (ip6tables) pre-rules and ipsets, then the
 * kernel's virtual-server hash table, scheduler and connection table, then the hairpin masquerade. A dual-stack
 * node runs one per family, as kube-proxy's MetaProxier runs two single-stack proxiers; an IPv6 plane sends
 * packets down {@link IpvsPath6}.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go}; Linux {@code net/netfilter/ipvs} ({@code ip_vs_in}
 * at LOCAL_IN: connection lookup, {@code ip_vs_service_find}, {@code ip_vs_schedule} /
 * {@code ip_vs_sched_persist}, {@code ip_vs_leave} answering ICMP port unreachable when no real server is
 * available). {@link #classify} creates an IPVS connection entry for the NEW packet (and a persistence template
 * for ClientIP affinity), because the lc/wlc/sed/nq/lblc schedulers count them and later packets of the flow
 * must find it; it allocates nothing unless the connection pool must grow. See {@code package-info} for the
 * cost model.
 */
public final class IpvsDataPlane implements DataPlane {
    private final IpvsConfig config;
    final NodeConfig node;
    final IpvsCore core;
    final IpvsIpSets ipsets;
    /** The IPv4 rules, or null on an IPv6 plane. */
    final IpvsIptables iptables;
    /** The IPv6 rules, or null on an IPv4 plane. */
    final IpvsIptables6 iptables6;
    private final IpvsPath6 path6;
    final GracefulTermination graceful;
    private final IpvsSync syncer;
    private final IpvsCompiler compiler;
    private final Map<ObjectRef, DesiredService> current = new HashMap<>();
    private long rulesEvaluated;
    private long netlinkReads;

    /** An empty IPVS data plane for {@code node} and the addresses of {@code family}. */
    public IpvsDataPlane(NodeConfig node, IpFamily family, IpvsConfig config) {
        this.config = config;
        this.node = node;
        AddressBook book = new AddressBook(family);
        this.core = new IpvsCore(config, book);
        this.ipsets = new IpvsIpSets(book);
        if (family == IpFamily.IPv6) {
            this.iptables = null;
            this.iptables6 = new IpvsIptables6(ipsets, node.nodeIPs(family), node.clusterCIDRs(family),
                    node.masqueradeAll());
            this.path6 = new IpvsPath6(core, iptables6);
        } else {
            this.iptables = new IpvsIptables(ipsets, node.nodeIPs(family), node.clusterCIDRs(family),
                    node.masqueradeAll());
            this.iptables6 = null;
            this.path6 = null;
        }
        this.graceful = new GracefulTermination(core);
        this.syncer = new IpvsSync(core, ipsets, graceful);
        this.compiler = new IpvsCompiler(node, config, book);
    }

    /** The IP family of this plane. */
    public IpFamily family() {
        return core.book.family();
    }

    /** The configuration. */
    public IpvsConfig config() {
        return config;
    }

    @Override
    public SyncStats sync(ClusterSnapshot cluster) {
        IpvsSync.Counts c = new IpvsSync.Counts();
        c.realServers += graceful.reap();
        Set<ObjectRef> gone = new HashSet<>(current.keySet());
        gone.removeAll(cluster.services().keySet());
        for (ObjectRef ref : gone) {
            syncer.apply(current.remove(ref), DesiredService.NONE, c);
        }
        for (Service svc : cluster.services().values()) {
            syncOne(cluster, svc.ref(), svc, c);
        }
        return finish(c, true);
    }

    @Override
    public SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        IpvsSync.Counts c = new IpvsSync.Counts();
        c.realServers += graceful.reap();
        for (ObjectRef ref : changes.touchedServices()) {
            syncOne(after, ref, after.service(ref), c);
        }
        return finish(c, false);
    }

    private void syncOne(ClusterSnapshot cluster, ObjectRef ref, Service svc, IpvsSync.Counts c) {
        DesiredService neu = svc == null ? DesiredService.NONE : compiler.compile(cluster, svc);
        DesiredService old = current.getOrDefault(ref, DesiredService.NONE);
        syncer.apply(old, neu, c);
        if (neu.virtualServers().isEmpty() && neu.entries().isEmpty()) {
            current.remove(ref);
        } else {
            current.put(ref, neu);
        }
    }

    private SyncStats finish(IpvsSync.Counts c, boolean full) {
        core.settle();
        graceful.forgetUnlinked();
        AddressBook book = core.book;
        long[] out = new long[syncer.outFilter.size() * (book.v6() ? 3 : 1)];
        int i = 0;
        for (long k : syncer.outFilter.keySet()) {
            if (book.v6()) {
                out[i++] = book.hi(ServiceKey.addr(k));
                out[i++] = book.lo(ServiceKey.addr(k));
                out[i++] = k & 0xFF_FFFFL;
            } else {
                out[i++] = k;
            }
        }
        if (book.v6()) {
            iptables6.outFilter = out;
        } else {
            iptables.outFilter = out;
        }
        // every sync reads each virtual server twice and its real servers once, plus the dummy device's addresses
        netlinkReads = 3L * core.vst.size() + 2;
        IpvsRender.Restore restore = IpvsRender.iptablesRestore(this);
        return new SyncStats(full, restore.lines(), restore.rules(), restore.chains(), c.total());
    }

    /** The netlink reads (virtual-server and real-server dumps) the last sync issued: 3 per virtual server. */
    public long netlinkReads() {
        return netlinkReads;
    }

    /** Rules evaluated by {@link #classify} so far: iptables rules, ipset probes, hash-chain nodes walked. */
    public long rulesEvaluated() {
        return path6 == null ? rulesEvaluated : path6.rulesEvaluated();
    }

    /** Frees expired connections and templates as the kernel's timers would by {@code nowNanos}. */
    public int expireConnections(long nowNanos) {
        return core.conns.expire(nowNanos);
    }

    /** Deletes drained gracefully-terminating real servers now (kube-proxy checks every minute). */
    public int reapGracefulTermination() {
        return graceful.reap();
    }

    @Override
    public long classify(FiveTuple packet, long nowNanos, long random) {
        if (path6 != null) {
            return path6.classify(packet, nowNanos);
        }
        if (!packet.isV4()) {
            return Classification.pack(Verdict.NONE, false, -1);
        }
        int src = packet.srcV4();
        int dst = packet.dstV4();
        int sport = packet.srcPort();
        int dport = packet.dstPort();
        int proto = packet.protocol();
        IpvsCore k = core;
        long r = iptables.before(src, dst, dport, proto, null);
        long n = r >>> 32;
        boolean mark = (r & IpvsIptables.MARK) != 0;
        int verdict = (int) (r & 0xF);
        if (verdict != 0 || !iptables.local(dst)) {
            rulesEvaluated += n;
            return Classification.pack(Verdict.of(verdict), false, -1);
        }
        long cr = k.conns.lookup(proto, src, sport, dst, dport, nowNanos);
        n += cr >>> 32;
        int c = (int) cr - 1;
        int d;
        if (c >= 0) {
            d = k.conns.dest[c];
        } else {
            long vr = k.vst.lookup(proto, dst, dport);
            n += vr >>> 32;
            int v = (int) vr - 1;
            if (v < 0) {
                rulesEvaluated += n;
                return Classification.pack(Verdict.NONE, false, -1);
            }
            d = connect(v, proto, src, sport, dst, dport, nowNanos);
            if (d < 0) {
                rulesEvaluated += n;
                return Classification.pack(Verdict.REJECT, false, -1);
            }
        }
        long lb = iptables.loopBack(src, k.rs.addr[d], k.rs.port[d], proto, null);
        rulesEvaluated += n + (lb >>> 32);
        return Classification.dnat(d, mark || (lb & IpvsIptables.MARK) != 0);
    }

    /** {@code ip_vs_schedule} / {@code ip_vs_sched_persist}: picks a destination and records the connection. */
    private int connect(int v, int proto, int src, int sport, int dst, int dport, long now) {
        IpvsCore k = core;
        IpvsConnTable conns = k.conns;
        int connFlags = proto == 17 ? 0 : IpvsConnTable.F_INACTIVE;
        long connTimeout = proto == 17 ? IpvsConnTable.UDP_NORMAL : IpvsConnTable.TCP_SYN_RECV;
        if ((k.vst.flags[v] & VirtualServerTable.F_PERSISTENT) == 0) {
            int d = k.sched.schedule(v, src, sport, dst, now);
            if (d >= 0) {
                conns.create(proto, src, sport, dst, dport, d, connFlags, now, connTimeout, -1);
            }
            return d;
        }
        long timeout = k.vst.timeoutSeconds[v] * IpvsConnTable.NANOS;
        int t = (int) conns.lookupTemplate(proto, src, dst, dport, now) - 1;
        int d;
        if (t >= 0 && k.rs.vs[conns.dest[t]] == v && k.rs.weight[conns.dest[t]] > 0) {
            d = conns.dest[t];
            conns.touch(t, now + timeout);
        } else {
            if (t >= 0) {
                conns.vport[t] = -1;
            }
            d = k.sched.schedule(v, src, sport, dst, now);
            if (d < 0) {
                return -1;
            }
            t = conns.create(proto, src, 0, dst, dport, d, IpvsConnTable.F_TEMPLATE, now, timeout, -1);
        }
        conns.create(proto, src, sport, dst, dport, d, connFlags, now, connTimeout, t);
        return d;
    }

    @Override
    public Explanation explain(FiveTuple packet) {
        return IpvsExplainer.explain(this, packet);
    }

    @Override
    public String endpoint(int id) {
        return core.rs.text(id);
    }

    @Override
    public String render() {
        return IpvsRender.ipvsadm(this) + "\n" + IpvsRender.ipsetList(this) + "\n" + IpvsRender.iptablesRestore(this).text();
    }

    String owner(int v) {
        return syncer.owners.get(core.vst.owner[v]);
    }
}
