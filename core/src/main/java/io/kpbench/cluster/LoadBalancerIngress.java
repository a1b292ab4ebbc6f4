package io.kpbench.cluster;

import io.kpbench.net.IpAddress;

/**
 * One entry of {@code status.loadBalancer.ingress}: an IP, a hostname (a cloud DNS name), or both.
 *
 * @param ip the VIP, or null for a hostname-only ingress
 * @param hostname the DNS name, or null
 * @param ipMode VIP or Proxy; null when unset (treated as VIP)
 */
public record LoadBalancerIngress(IpAddress ip, String hostname, IpMode ipMode) {
    /** True when kube-proxy programs this ingress IP (an IP whose ipMode is VIP or unset). */
    public boolean programmed() {
        return ip != null && ipMode != IpMode.Proxy;
    }
}
