package io.kpbench.proxy.nftables.nft;

import io.kpbench.net.IpAddress;

/**
 * One element of a kube-proxy set or verdict map, with its nft text and its primitive key parts.
 *
 * @param container the set or map, e.g. {@code service-ips}
 * @param key the key text, e.g. {@code 172.30.0.41 . tcp . 80}
 * @param value the verdict text ({@code goto <chain>} or {@code drop}), or null for a set element
 * @param comment the element comment (the service port name), or null
 * @param addr the key's address, or null for the {@code inet_proto . inet_service} maps
 * @param proto the key's IANA protocol number, or 0 for an address-only set
 * @param port the key's port, or 0 for an address-only set
 */
public record Element(String container, String key, String value, String comment, IpAddress addr, int proto, int port) {
    /** The chain the verdict jumps to, or null for {@code drop} and set elements. */
    public String targetChain() {
        return value != null && value.startsWith("goto ") ? value.substring(5) : null;
    }

    /** {@code add element <family> kube-proxy <container> { <key> [comment "<c>"] [: <value>] }}. */
    public String render(String family) {
        StringBuilder sb = new StringBuilder(64).append("add element ").append(family).append(" kube-proxy ")
                .append(container).append(" { ").append(key);
        if (comment != null) {
            sb.append(" comment \"").append(comment).append('"');
        }
        if (value != null) {
            sb.append(" : ").append(value);
        }
        return sb.append(" }").toString();
    }

    /** The identity of the element in its container: container and key. */
    public String id() {
        return container + " " + key;
    }
}
