package io.kpbench.proxy;

/**
 * The names of the per-service-port chains that kube-proxy's iptables and nftables proxiers both derive in
 * {@code syncProxyRules} ({@code pkg/proxy/iptables/proxier.go}, {@code pkg/proxy/nftables/proxier.go}): the
 * Cluster- and Local-policy chains, the external and firewall chains, and which policy chain internal and
 * external traffic go to.
 *
 * @param cluster the Cluster-policy chain ({@code KUBE-SVC-}, {@code service-})
 * @param local the Local-policy chain ({@code KUBE-SVL-}, {@code local-})
 * @param external the external-traffic chain ({@code KUBE-EXT-}, {@code external-})
 * @param firewall the load-balancer source-range chain ({@code KUBE-FW-}, {@code firewall-})
 * @param internal kube-proxy's {@code internalPolicyChain}: {@code local} under {@code internalTrafficPolicy:
 *     Local}, else {@code cluster}
 * @param externalPolicy kube-proxy's {@code externalPolicyChain}: {@code local} under
 *     {@code externalTrafficPolicy: Local}, else {@code cluster}
 */
public record PolicyChains(String cluster, String local, String external, String firewall, String internal,
        String externalPolicy) {

    /** The chains of {@code svc}: each prefix followed by the mode's per-port {@code base} name. */
    public static PolicyChains of(ServicePortInfo svc, String base, String clusterPrefix, String localPrefix,
            String externalPrefix, String firewallPrefix) {
        String cluster = clusterPrefix + base;
        String local = localPrefix + base;
        return new PolicyChains(cluster, local, externalPrefix + base, firewallPrefix + base,
                svc.internalPolicyLocal() ? local : cluster, svc.externalPolicyLocal() ? local : cluster);
    }
}
