package io.kpbench.proxy.ipvs;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.ModeCompiler;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortEndpoints;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.proxy.SyncStats;
import io.kpbench.proxy.Topology;
import io.kpbench.proxy.ipvs.companion.CompanionRulesText;
import io.kpbench.proxy.ipvs.companion.IpSets;
import io.kpbench.proxy.ipvs.kernel.AddressBook;
import io.kpbench.proxy.ipvs.kernel.ConnectionTable;
import io.kpbench.proxy.ipvs.kernel.ServiceKey;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;
import io.kpbench.proxy.ipvs.sync.DesiredService;
import io.kpbench.proxy.ipvs.sync.ServiceSync;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the cluster into what kube-proxy's IPVS proxier programs, and programs it: {@code syncProxyRules}'s
 * loop over service ports (each a {@link ServicePortEndpoints}) with {@code syncEndpoint}'s endpoint choice, then
 * the difference from what each Service had, applied as the netlink and ipset writes a real kube-proxy issues,
 * counted per sync.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go}. Facts kept: every service address gets a virtual
 * server (ClusterIP, externalIPs, LB VIPs, NodePort on each node address); a Local policy programs the local
 * endpoints, and when there are none, the cluster endpoints (PR 97081) rather than nothing; KUBE-LOOP-BACK
 * holds local endpoints only; externalIPs and LB VIPs are bound to kube-ipvs0 unless a node interface has
 * them; SCTP node ports use {@code hash:ip,port} with every node IP; with {@code mh} every virtual server gets
 * {@code FlagSourceHash}. One compiler serves one family (kube-proxy's single-stack proxier): it sees only that
 * family's addresses, names them by their {@link AddressBook} id, and never makes loopback ({@code 127/8},
 * {@code ::1}) a NodePort address. The writes are applied by {@link ServiceSync}.
 */
final class IpvsCompiler implements ModeCompiler<IpvsTables> {
    private final NodeConfig node;
    private final IpvsConfig config;
    private final IpvsTables tables;
    private final ConnectionTable conns;
    private final AddressBook book;
    private final IpFamily family;
    private final List<IpAddress> nodeIPs;
    private final List<IpAddress> nodePortIPs;
    private final ServiceSync writer;
    private final Map<ObjectRef, DesiredService> current = new HashMap<>();
    private long netlinkReads;

    /** A compiler that edits {@code tables} and owns the connection table its real servers count. */
    IpvsCompiler(NodeConfig node, IpvsTables tables) {
        this.node = node;
        this.config = tables.config;
        this.tables = tables;
        this.conns = new ConnectionTable(tables.rs, config.connTabBits(), config.connHashSeed(),
                config.connPoolSize());
        this.book = tables.book;
        this.family = book.family();
        this.writer = new ServiceSync(tables.netlink, tables.vst, tables.rs, tables.ipsets, conns);
        this.nodeIPs = node.nodeIPs(family);
        List<IpAddress> np = new ArrayList<>();
        for (IpAddress ip : nodeIPs) {
            if (ip.isLoopback()) {
                continue;
            }
            boolean in = node.nodePortAddresses().stream().noneMatch(c -> c.family() == family);
            for (Cidr c : node.nodePortAddresses()) {
                in |= c.contains(ip);
            }
            if (in) {
                np.add(ip);
            }
        }
        this.nodePortIPs = List.copyOf(np);
    }

    /** The connection table, the per-packet state every first packet writes. */
    ConnectionTable connections() {
        return conns;
    }

    /** The tables this compiler edits in place (the data plane republishes them after each sync). */
    @Override
    public IpvsTables tables() {
        return tables;
    }

    /** A full sync: every Service of {@code cluster}, and the removal of every Service it no longer has. */
    @Override
    public SyncStats sync(ClusterSnapshot cluster) {
        ServiceSync.Counts c = writer.begin();
        Set<ObjectRef> gone = new HashSet<>(current.keySet());
        gone.removeAll(cluster.services().keySet());
        for (ObjectRef ref : gone) {
            writer.apply(current.remove(ref), DesiredService.NONE, c);
        }
        Map<ObjectRef, List<ServicePortEndpoints>> ports = new HashMap<>();
        for (ServicePortEndpoints spe : ServicePortEndpoints.of(cluster, family, node)) {
            ports.computeIfAbsent(spe.service().ref(), k -> new ArrayList<>()).add(spe);
        }
        for (Service svc : cluster.services().values()) {
            syncOne(svc.ref(), ports.getOrDefault(svc.ref(), List.of()), c);
        }
        return finish(c, true);
    }

    /** An incremental sync of the Services {@code changes} touched; the cluster is then {@code after}. */
    @Override
    public SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        ServiceSync.Counts c = writer.begin();
        for (ObjectRef ref : changes.touchedServices()) {
            syncOne(ref, ServicePortEndpoints.of(after, ref, family, node), c);
        }
        return finish(c, false);
    }

    private void syncOne(ObjectRef ref, List<ServicePortEndpoints> ports, ServiceSync.Counts c) {
        DesiredService neu = compile(ports);
        DesiredService old = current.getOrDefault(ref, DesiredService.NONE);
        writer.apply(old, neu, c);
        if (neu.virtualServers().isEmpty() && neu.entries().isEmpty()) {
            current.remove(ref);
        } else {
            current.put(ref, neu);
        }
    }

    private SyncStats finish(ServiceSync.Counts c, boolean full) {
        tables.netlink.settle(conns);
        writer.end();
        Set<Long> keys = writer.outFilterKeys();
        long[] out = new long[keys.size() * 3];
        int i = 0;
        for (long k : keys) {
            out[i++] = book.hi(ServiceKey.addr(k));
            out[i++] = book.lo(ServiceKey.addr(k));
            out[i++] = k & 0xFF_FFFFL;
        }
        tables.rules.outFilter(out);
        // every sync reads each virtual server twice and its real servers once, plus the dummy device's addresses
        netlinkReads = 3L * tables.vst.size() + 2;
        CompanionRulesText.Restore restore = IpvsRenderer.iptablesRestore(node, tables);
        return new SyncStats(full, restore.lines(), restore.rules(), restore.chains(), c.total());
    }

    /** The netlink reads (virtual-server and real-server dumps) the last sync issued: 3 per virtual server. */
    long netlinkReads() {
        return netlinkReads;
    }

    /** Deletes drained gracefully-terminating real servers now (kube-proxy checks every minute). */
    int reapGracefulTermination() {
        return writer.reapGracefulTermination();
    }

    /** Real servers quiesced and waiting to drain. */
    int gracefullyTerminating() {
        return writer.gracefullyTerminating();
    }

    /** The service port name that owns virtual server {@code v}. */
    String owner(int v) {
        return writer.owner(v);
    }

    /** The node addresses that get NodePort virtual servers. */
    List<IpAddress> nodePortIPs() {
        return nodePortIPs;
    }

    /** What one Service's ports need; nothing when kube-proxy skips it (or the Service is gone). */
    private DesiredService compile(List<ServicePortEndpoints> ports) {
        List<DesiredService.VirtualServer> vss = new ArrayList<>();
        List<IpSets.Entry> entries = new ArrayList<>();
        List<Long> outFilterKeys = new ArrayList<>();
        for (ServicePortEndpoints spe : ports) {
            compilePort(spe, vss, entries, outFilterKeys);
        }
        return new DesiredService(vss, entries, outFilterKeys);
    }

    private void compilePort(ServicePortEndpoints spe, List<DesiredService.VirtualServer> vss,
            List<IpSets.Entry> entries, List<Long> outFilterKeys) {
        ServicePortInfo sp = spe.info();
        int proto = sp.protocol().number();
        int port = sp.port();
        String owner = sp.name().toString();
        for (EndpointInfo ep : spe.endpoints()) {
            if (ep.local()) {
                int id = book.id(ep.ip());
                entries.add(new IpSets.Entry(IpSets.LOOP_BACK, ServiceKey.pack(id, proto, ep.port()),
                        id & 0xFFFF_FFFFL));
            }
        }
        Topology.Categorized cat = spe.categorized();
        List<Long> internal = dests(sp.internalPolicyLocal() && !cat.local().isEmpty() ? cat.local() : cat.cluster());
        List<Long> external = dests(sp.externalPolicyLocal() && !cat.local().isEmpty() ? cat.local() : cat.cluster());
        int flags = (sp.clientIPAffinity() ? VirtualServerTable.F_PERSISTENT : 0)
                | ("mh".equals(config.scheduler()) ? VirtualServerTable.F_SCHED_PORT : 0);
        int timeout = sp.stickyMaxAgeSeconds();

        int cip = book.id(sp.clusterIP());
        long ckey = ServiceKey.pack(cip, proto, port);
        entries.add(new IpSets.Entry(IpSets.CLUSTER_IP, ckey, 0));
        entries.add(new IpSets.Entry(IpSets.IPVS_IPS, cip & 0xFFFF_FFFFL, 0));
        vss.add(new DesiredService.VirtualServer(ckey, DesiredService.CLUSTER_IP, flags, timeout, owner, internal));

        for (IpAddress ip : sp.externalIPs()) {
            long k = ServiceKey.pack(book.id(ip), proto, port);
            entries.add(new IpSets.Entry(sp.externalPolicyLocal() ? IpSets.EXTERNAL_IP_LOCAL
                    : IpSets.EXTERNAL_IP, k, 0));
            bind(ip, entries);
            vss.add(new DesiredService.VirtualServer(k, DesiredService.EXTERNAL_IP, flags, timeout, owner, external));
        }
        for (IpAddress ip : sp.loadBalancerVIPs()) {
            long k = ServiceKey.pack(book.id(ip), proto, port);
            entries.add(new IpSets.Entry(IpSets.LOAD_BALANCER, k, 0));
            if (sp.externalPolicyLocal()) {
                entries.add(new IpSets.Entry(IpSets.LOAD_BALANCER_LOCAL, k, 0));
            }
            if (!sp.loadBalancerSourceRanges().isEmpty()) {
                entries.add(new IpSets.Entry(IpSets.LOAD_BALANCER_FW, k, 0));
                boolean allowFromNode = false;
                IpAddress primary = node.primaryIP(family);
                for (Cidr c : sp.loadBalancerSourceRanges()) {
                    entries.add(new IpSets.Entry(IpSets.LOAD_BALANCER_SOURCE_CIDR, k, IpSets.net(book, c)));
                    allowFromNode |= primary != null && c.contains(primary);
                }
                if (allowFromNode) {
                    entries.add(new IpSets.Entry(IpSets.LOAD_BALANCER_SOURCE_IP, k, book.id(ip) & 0xFFFF_FFFFL));
                } else {
                    outFilterKeys.add(k);
                }
            }
            bind(ip, entries);
            vss.add(new DesiredService.VirtualServer(k, DesiredService.LOAD_BALANCER, flags, timeout, owner, external));
        }
        if (sp.nodePort() != 0 && !nodePortIPs.isEmpty()) {
            nodePortEntries(sp, entries);
            for (IpAddress ip : nodePortIPs) {
                vss.add(new DesiredService.VirtualServer(ServiceKey.pack(book.id(ip), proto, sp.nodePort()),
                        DesiredService.NODE_PORT, flags, timeout, owner, external));
            }
        }
        if (sp.healthCheckNodePort() != 0) {
            entries.add(new IpSets.Entry(IpSets.HEALTH_CHECK_NODE_PORT, sp.healthCheckNodePort(), 0));
        }
    }

    private void nodePortEntries(ServicePortInfo sp, List<IpSets.Entry> entries) {
        boolean local = sp.externalPolicyLocal();
        if (sp.protocol() == Protocol.SCTP) {
            for (IpAddress ip : nodePortIPs) {
                long k = ServiceKey.pack(book.id(ip), Protocol.SCTP.number(), sp.nodePort());
                entries.add(new IpSets.Entry(IpSets.NODE_PORT_SCTP, k, 0));
                if (local) {
                    entries.add(new IpSets.Entry(IpSets.NODE_PORT_LOCAL_SCTP, k, 0));
                }
            }
            return;
        }
        boolean tcp = sp.protocol() == Protocol.TCP;
        entries.add(new IpSets.Entry(tcp ? IpSets.NODE_PORT_TCP : IpSets.NODE_PORT_UDP, sp.nodePort(), 0));
        if (local) {
            entries.add(new IpSets.Entry(tcp ? IpSets.NODE_PORT_LOCAL_TCP : IpSets.NODE_PORT_LOCAL_UDP,
                    sp.nodePort(), 0));
        }
    }

    private void bind(IpAddress ip, List<IpSets.Entry> entries) {
        if (!nodeIPs.contains(ip)) {
            entries.add(new IpSets.Entry(IpSets.IPVS_IPS, book.id(ip) & 0xFFFF_FFFFL, 0));
        }
    }

    private List<Long> dests(List<EndpointInfo> eps) {
        List<Long> out = new ArrayList<>(eps.size());
        for (EndpointInfo ep : eps) {
            out.add(DesiredService.dest(book.id(ep.ip()), ep.port()));
        }
        return out;
    }
}
