package io.kpbench.proxy.ipvs;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Service;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.EndpointsMap;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.proxy.ServicePortName;
import io.kpbench.proxy.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles one Service into what kube-proxy's IPVS proxier programs for it: the loop of {@code syncProxyRules}
 * over service ports, with {@code syncEndpoint}'s endpoint choice.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go}. Facts kept: every service address gets a virtual
 * server (ClusterIP, externalIPs, LB VIPs, NodePort on each node address); a Local policy programs the local
 * endpoints, and when there are none, the cluster endpoints (PR 97081) rather than nothing; KUBE-LOOP-BACK
 * holds local endpoints only; externalIPs and LB VIPs are bound to kube-ipvs0 unless a node interface has
 * them; SCTP node ports use {@code hash:ip,port} with every node IP; with {@code mh} every virtual server gets
 * {@code FlagSourceHash}. One compiler serves one family (kube-proxy's single-stack proxier): it sees only that
 * family's addresses, names them by their {@link AddressBook} id, and never makes loopback ({@code 127/8},
 * {@code ::1}) a NodePort address.
 */
final class IpvsCompiler {
    private final NodeConfig node;
    private final IpvsConfig config;
    private final AddressBook book;
    private final IpFamily family;
    private final List<IpAddress> nodeIPs;
    private final List<IpAddress> nodePortIPs;

    IpvsCompiler(NodeConfig node, IpvsConfig config, AddressBook book) {
        this.node = node;
        this.config = config;
        this.book = book;
        this.family = book.family();
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

    /** The node addresses that get NodePort virtual servers. */
    List<IpAddress> nodePortIPs() {
        return nodePortIPs;
    }

    /** What {@code svc} needs; {@link DesiredService#NONE} when kube-proxy skips it. */
    DesiredService compile(ClusterSnapshot cluster, Service svc) {
        List<ServicePortInfo> ports = ServicePortInfo.of(svc, family);
        if (ports.isEmpty()) {
            return DesiredService.NONE;
        }
        Map<ServicePortName, List<EndpointInfo>> eps = EndpointsMap.of(cluster, svc.ref(), family,
                node.nodeName());
        List<DesiredService.VirtualServer> vss = new ArrayList<>();
        List<IpvsIpSets.Entry> entries = new ArrayList<>();
        List<Long> outFilter = new ArrayList<>();
        for (ServicePortInfo sp : ports) {
            compilePort(sp, eps.getOrDefault(sp.name(), List.of()), vss, entries, outFilter);
        }
        return new DesiredService(vss, entries, outFilter);
    }

    private void compilePort(ServicePortInfo sp, List<EndpointInfo> all, List<DesiredService.VirtualServer> vss,
            List<IpvsIpSets.Entry> entries, List<Long> outFilter) {
        int proto = sp.protocol().number();
        int port = sp.port();
        String owner = sp.name().toString();
        for (EndpointInfo ep : all) {
            if (ep.local()) {
                int id = book.id(ep.ip());
                entries.add(new IpvsIpSets.Entry(IpvsIpSets.LOOP_BACK, ServiceKey.pack(id, proto, ep.port()),
                        id & 0xFFFF_FFFFL));
            }
        }
        Topology.Categorized cat = Topology.categorize(all, sp, node.nodeName(), node.zone(), node.preferSameNode());
        List<Long> internal = dests(sp.internalPolicyLocal() && !cat.local().isEmpty() ? cat.local() : cat.cluster());
        List<Long> external = dests(sp.externalPolicyLocal() && !cat.local().isEmpty() ? cat.local() : cat.cluster());
        int flags = (sp.clientIPAffinity() ? VirtualServerTable.F_PERSISTENT : 0)
                | ("mh".equals(config.scheduler()) ? VirtualServerTable.F_SCHED_PORT : 0);
        int timeout = sp.stickyMaxAgeSeconds();

        int cip = book.id(sp.clusterIP());
        long ckey = ServiceKey.pack(cip, proto, port);
        entries.add(new IpvsIpSets.Entry(IpvsIpSets.CLUSTER_IP, ckey, 0));
        entries.add(new IpvsIpSets.Entry(IpvsIpSets.IPVS_IPS, cip & 0xFFFF_FFFFL, 0));
        vss.add(new DesiredService.VirtualServer(ckey, DesiredService.CLUSTER_IP, flags, timeout, owner, internal));

        for (IpAddress ip : sp.externalIPs()) {
            long k = ServiceKey.pack(book.id(ip), proto, port);
            entries.add(new IpvsIpSets.Entry(sp.externalPolicyLocal() ? IpvsIpSets.EXTERNAL_IP_LOCAL
                    : IpvsIpSets.EXTERNAL_IP, k, 0));
            bind(ip, entries);
            vss.add(new DesiredService.VirtualServer(k, DesiredService.EXTERNAL_IP, flags, timeout, owner, external));
        }
        for (IpAddress ip : sp.loadBalancerVIPs()) {
            long k = ServiceKey.pack(book.id(ip), proto, port);
            entries.add(new IpvsIpSets.Entry(IpvsIpSets.LOAD_BALANCER, k, 0));
            if (sp.externalPolicyLocal()) {
                entries.add(new IpvsIpSets.Entry(IpvsIpSets.LOAD_BALANCER_LOCAL, k, 0));
            }
            if (!sp.loadBalancerSourceRanges().isEmpty()) {
                entries.add(new IpvsIpSets.Entry(IpvsIpSets.LOAD_BALANCER_FW, k, 0));
                boolean allowFromNode = false;
                IpAddress primary = node.primaryIP(family);
                for (Cidr c : sp.loadBalancerSourceRanges()) {
                    entries.add(new IpvsIpSets.Entry(IpvsIpSets.LOAD_BALANCER_SOURCE_CIDR, k, IpvsIpSets.net(book, c)));
                    allowFromNode |= primary != null && c.contains(primary);
                }
                if (allowFromNode) {
                    entries.add(new IpvsIpSets.Entry(IpvsIpSets.LOAD_BALANCER_SOURCE_IP, k, book.id(ip) & 0xFFFF_FFFFL));
                } else {
                    outFilter.add(k);
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
            entries.add(new IpvsIpSets.Entry(IpvsIpSets.HEALTH_CHECK_NODE_PORT, sp.healthCheckNodePort(), 0));
        }
    }

    private void nodePortEntries(ServicePortInfo sp, List<IpvsIpSets.Entry> entries) {
        boolean local = sp.externalPolicyLocal();
        if (sp.protocol() == Protocol.SCTP) {
            for (IpAddress ip : nodePortIPs) {
                long k = ServiceKey.pack(book.id(ip), Protocol.SCTP.number(), sp.nodePort());
                entries.add(new IpvsIpSets.Entry(IpvsIpSets.NODE_PORT_SCTP, k, 0));
                if (local) {
                    entries.add(new IpvsIpSets.Entry(IpvsIpSets.NODE_PORT_LOCAL_SCTP, k, 0));
                }
            }
            return;
        }
        boolean tcp = sp.protocol() == Protocol.TCP;
        entries.add(new IpvsIpSets.Entry(tcp ? IpvsIpSets.NODE_PORT_TCP : IpvsIpSets.NODE_PORT_UDP, sp.nodePort(), 0));
        if (local) {
            entries.add(new IpvsIpSets.Entry(tcp ? IpvsIpSets.NODE_PORT_LOCAL_TCP : IpvsIpSets.NODE_PORT_LOCAL_UDP,
                    sp.nodePort(), 0));
        }
    }

    private void bind(IpAddress ip, List<IpvsIpSets.Entry> entries) {
        if (!nodeIPs.contains(ip)) {
            entries.add(new IpvsIpSets.Entry(IpvsIpSets.IPVS_IPS, book.id(ip) & 0xFFFF_FFFFL, 0));
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
