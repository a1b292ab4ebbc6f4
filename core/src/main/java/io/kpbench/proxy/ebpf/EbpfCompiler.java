package io.kpbench.proxy.ebpf;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.EndpointsMap;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.proxy.ServicePortName;
import io.kpbench.proxy.Topology;
import io.kpbench.table.StableIds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a cluster snapshot into one generation of {@link LbMaps}: the Cilium agent's service reconciler
 * ({@code pkg/loadbalancer}: tables to BPF maps) for one node and family. Each service port gets a ClusterIP
 * frontend, NodePort frontends on the node's addresses (plus the {@code 0.0.0.0:port} surrogate the socket LB
 * matches), and externalIP and LB-VIP frontends; a frontend whose external and internal policies differ gets a
 * second, internal-scope entry ({@code two-scopes}). Backends per scope come from the shared
 * {@link Topology#categorize}: Cluster policy uses the cluster list, Local policy the local list.
 */
final class EbpfCompiler {
    private final NodeConfig node;
    private final IpFamily family;
    private final EbpfConfig cfg;

    /** One generation and the id allocation it used. */
    record Result(LbMaps maps, StableIds backendIds, StableIds revNatIds, int mapElements) {
    }

    private record Plan(Service svc, ServicePortInfo spi, List<EndpointInfo> endpoints, Topology.Categorized cat) {
    }

    EbpfCompiler(NodeConfig node, IpFamily family, EbpfConfig cfg) {
        this.node = node;
        this.family = family;
        this.cfg = cfg;
    }

    /** Compiles {@code cluster}; {@code touched} (or null for all) limits what counts as written. */
    Result compile(ClusterSnapshot cluster, StableIds previous, StableIds previousRevNat, Set<ObjectRef> touched) {
        List<Plan> plans = plan(cluster);
        Set<String> keys = new LinkedHashSet<>();
        for (Plan p : plans) {
            for (EndpointInfo ep : p.endpoints) {
                if (ep.ready() || ep.serving() && ep.terminating()) {
                    keys.add(backendKey(ep, p.spi));
                }
            }
        }
        if (keys.size() > cfg.lbMapMax()) {
            throw new LbMapFullException("backend", keys.size(), cfg.lbMapMax());
        }
        StableIds ids = previous.assign(keys);
        LbMaps maps = new LbMaps(family == IpFamily.IPv4);
        sources(maps, cluster);
        maps.sizeBackends(ids.maxId());
        int written = 0;
        for (Plan p : plans) {
            for (EndpointInfo ep : p.endpoints) {
                if (ep.ready() || ep.serving() && ep.terminating()) {
                    String key = backendKey(ep, p.spi);
                    int id = ids.id(key);
                    written += previous.id(key) == id ? 0 : 1;
                    maps.putBackend(id, ep.ip().hi(), ep.ip().lo(), ep.port(), p.spi.protocol().number(),
                            ep.ready() ? LbMaps.ACTIVE : LbMaps.TERMINATING, ep.local(), key);
                }
            }
        }
        FrontendWriter writer = new FrontendWriter(maps, cfg, node, family);
        Set<String> frontends = new LinkedHashSet<>();
        for (Plan p : plans) {
            writer.keys(p.spi, frontends);
        }
        StableIds revNat = previousRevNat.assign(frontends);
        writer.revNatIds(revNat);
        for (Plan p : plans) {
            int entries = writer.write(p.spi, idsOf(p.cat.cluster(), p.spi, ids), idsOf(p.cat.local(), p.spi, ids),
                    p.svc.ref().toString() + (p.spi.name().port().isEmpty() ? "" : ":" + p.spi.name().port()));
            if (touched == null || touched.contains(p.svc.ref())) {
                written += entries;
            }
        }
        if (maps.serviceEntries > cfg.lbMapMax()) {
            throw new LbMapFullException("service", maps.serviceEntries, cfg.lbMapMax());
        }
        if (touched == null) {
            written = maps.serviceEntries + maps.backends;
        }
        return new Result(maps, ids, revNat, written);
    }

    private List<Plan> plan(ClusterSnapshot cluster) {
        List<Plan> plans = new ArrayList<>();
        for (Service svc : cluster.services().values()) {
            List<ServicePortInfo> infos = ServicePortInfo.of(svc, family);
            if (infos.isEmpty()) {
                continue;
            }
            Map<ServicePortName, List<EndpointInfo>> eps = EndpointsMap.of(cluster, svc.ref(), family,
                    node.nodeName());
            for (ServicePortInfo spi : infos) {
                List<EndpointInfo> list = eps.getOrDefault(spi.name(), List.of());
                plans.add(new Plan(svc, spi, list,
                        Topology.categorize(list, spi, node.nodeName(), node.zone(), node.preferSameNode())));
            }
        }
        return plans;
    }

    /**
     * The sources Cilium treats as in-cluster: the pod CIDRs of every node (its ipcache knows them from the node
     * objects, with or without kube-proxy's {@code --cluster-cidr}), the cluster CIDRs when given, and this node.
     */
    private void sources(LbMaps maps, ClusterSnapshot cluster) {
        List<Cidr> pods = node.clusterCIDRs(family);
        maps.clusterSources.addAll(pods);
        for (Node n : cluster.nodes().values()) {
            for (Cidr c : n.podCIDRs()) {
                if (c.family() == family) {
                    maps.clusterSources.add(c);
                }
            }
        }
        for (IpAddress ip : node.nodeIPs(family)) {
            maps.nodeLocalSources.add(ip);
        }
        maps.nodeLocalSources.add(family == IpFamily.IPv4 ? Cidr.parse("127.0.0.0/8") : Cidr.parse("::1/128"));
        Node self = cluster.node(node.nodeName());
        List<Cidr> local = new ArrayList<>();
        if (self != null) {
            for (Cidr c : self.podCIDRs()) {
                if (c.family() == family) {
                    local.add(c);
                }
            }
        }
        maps.nodeLocalSources.addAll(local.isEmpty() ? pods : local);
    }

    static String backendKey(EndpointInfo ep, ServicePortInfo spi) {
        return ep.ip().withPort(ep.port()) + "/" + spi.protocol().name();
    }

    private static int[] idsOf(List<EndpointInfo> eps, ServicePortInfo spi, StableIds ids) {
        int[] out = new int[eps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.id(backendKey(eps.get(i), spi));
        }
        return out;
    }
}
