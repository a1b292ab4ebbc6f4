package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.proxy.EndpointInfo;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The KUBE-SEP chain names and {@code ip:port} texts of one service port's endpoints, each computed once per
 * write: kube-proxy's writer needs an endpoint's chain name up to three times (affinity check, statistic jump,
 * SEP chain), and each is a SHA-256.
 */
final class SepNames {
    private final String servicePortName;
    private final String protocol;
    private final Map<EndpointInfo, String[]> cache = new IdentityHashMap<>();

    SepNames(String servicePortName, String protocol) {
        this.servicePortName = servicePortName;
        this.protocol = protocol;
    }

    /** The KUBE-SEP chain of {@code ep}. */
    String of(EndpointInfo ep) {
        return entry(ep)[1];
    }

    /** The {@code ip:port} text of {@code ep}. */
    String text(EndpointInfo ep) {
        return entry(ep)[0];
    }

    private String[] entry(EndpointInfo ep) {
        String[] e = cache.get(ep);
        if (e == null) {
            String text = ep.toString();
            e = new String[] {text, ChainNames.endpointChain(servicePortName, protocol, text)};
            cache.put(ep, e);
        }
        return e;
    }
}
