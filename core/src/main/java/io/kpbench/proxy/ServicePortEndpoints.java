package io.kpbench.proxy;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One service port of one family with its endpoints already merged and split as a proxier consumes them: the
 * pairing of kube-proxy's {@code svcPortMap} entry ({@code pkg/proxy/servicechangetracker.go}) with its
 * {@code endpointsMap} entry ({@code pkg/proxy/endpointschangetracker.go}) and {@code CategorizeEndpoints}
 * ({@code pkg/proxy/topology.go}, v1.33), as every {@code syncProxyRules} loop starts.
 *
 * <p>The chain-usage facts that kube-proxy's iptables and nftables {@code syncProxyRules} both derive per
 * service port ({@code hasEndpoints}, {@code usesClusterPolicyChain}, {@code hasInternalEndpoints}, ...) are
 * derived here once. Every mode's compiler iterates {@link #of(ClusterSnapshot, IpFamily, NodeConfig)} (a full sync) or
 * {@link #of(ClusterSnapshot, ObjectRef, IpFamily, NodeConfig)} (one changed service), so the facts kube-proxy
 * derives per service port are derived in one place.
 *
 * @param service the service
 * @param info the service port as this family's proxier sees it
 * @param endpoints every endpoint of the port for this family, merged and sorted by {@link EndpointsMap}
 * @param categorized the Cluster- and Local-policy endpoint lists with terminating fall-back and topology hints
 */
public record ServicePortEndpoints(Service service, ServicePortInfo info, List<EndpointInfo> endpoints,
        Topology.Categorized categorized) {

    /** Every proxied service port of {@code cluster} for {@code family}, in the cluster's service order. */
    public static List<ServicePortEndpoints> of(ClusterSnapshot cluster, IpFamily family, NodeConfig node) {
        List<ServicePortEndpoints> out = new ArrayList<>();
        for (Service svc : cluster.services().values()) {
            addPorts(out, cluster, svc, family, node);
        }
        return out;
    }

    /** The proxied ports of one service ({@code ref}); empty when it is gone or kube-proxy skips it. */
    public static List<ServicePortEndpoints> of(ClusterSnapshot cluster, ObjectRef ref, IpFamily family,
            NodeConfig node) {
        Service svc = cluster.service(ref);
        List<ServicePortEndpoints> out = new ArrayList<>();
        if (svc != null) {
            addPorts(out, cluster, svc, family, node);
        }
        return out;
    }

    private static void addPorts(List<ServicePortEndpoints> out, ClusterSnapshot cluster, Service svc,
            IpFamily family, NodeConfig node) {
        List<ServicePortInfo> infos = ServicePortInfo.of(svc, family);
        if (infos.isEmpty()) {
            return;
        }
        Map<ServicePortName, List<EndpointInfo>> eps = EndpointsMap.of(cluster, svc.ref(), family, node.nodeName());
        for (ServicePortInfo spi : infos) {
            List<EndpointInfo> list = eps.getOrDefault(spi.name(), List.of());
            out.add(new ServicePortEndpoints(svc, spi, list,
                    Topology.categorize(list, spi, node.nodeName(), node.zone(), node.preferSameNode())));
        }
    }

    /** Some usable endpoint exists anywhere in the cluster: kube-proxy's {@code hasEndpoints}. */
    public boolean hasEndpoints() {
        return categorized.hasAnyEndpoints();
    }

    /** The Cluster-policy chain is programmed: kube-proxy's {@code usesClusterPolicyChain}. */
    public boolean usesClusterPolicyChain() {
        return !categorized.cluster().isEmpty() && info.usesClusterEndpoints();
    }

    /** The Local-policy chain is programmed: kube-proxy's {@code usesLocalPolicyChain}. */
    public boolean usesLocalPolicyChain() {
        return !categorized.local().isEmpty() && info.usesLocalEndpoints();
    }

    /** Internal traffic has endpoints under its policy: kube-proxy's {@code hasInternalEndpoints}. */
    public boolean hasInternalEndpoints() {
        return hasEndpoints() && !(info.internalPolicyLocal() && categorized.local().isEmpty());
    }

    /** External traffic has endpoints under its policy: kube-proxy's {@code hasExternalEndpoints}. */
    public boolean hasExternalEndpoints() {
        return hasEndpoints() && !(info.externalPolicyLocal() && categorized.local().isEmpty());
    }

    /** The external-traffic chain is programmed: kube-proxy's {@code usesExternalChain}. */
    public boolean usesExternalChain() {
        return hasEndpoints() && info.externallyAccessible();
    }

    /** Endpoints whose {@code ready} condition holds (nil read as true). */
    public List<EndpointInfo> ready() {
        return filter(EndpointInfo::ready);
    }

    /** Endpoints that are serving but terminating: kube-proxy's fall-back when no endpoint is ready. */
    public List<EndpointInfo> servingTerminating() {
        return filter(ep -> ep.serving() && ep.terminating());
    }

    /** Endpoints on this proxier's node, whatever their conditions. */
    public List<EndpointInfo> local() {
        return filter(EndpointInfo::local);
    }

    private List<EndpointInfo> filter(Predicate<EndpointInfo> keep) {
        List<EndpointInfo> out = new ArrayList<>();
        for (EndpointInfo ep : endpoints) {
            if (keep.test(ep)) {
                out.add(ep);
            }
        }
        return out;
    }
}
