package io.kpbench.cluster;

/**
 * {@code status.loadBalancer.ingress[].ipMode}: VIP (the default; kube-proxy programs the IP) or Proxy (the load
 * balancer delivers traffic to nodes already proxied, so kube-proxy does not program the IP).
 */
public enum IpMode {
    VIP,
    Proxy;

    /** Parses the API spelling; null when unknown. */
    public static IpMode fromApi(String s) {
        for (IpMode t : values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
