package io.kpbench.cluster;

import io.kpbench.net.IpAddress;

/**
 * One entry of a Node's {@code status.addresses}.
 *
 * @param type {@code InternalIP}, {@code ExternalIP}, {@code Hostname}, {@code InternalDNS} or {@code ExternalDNS}
 * @param address the address text as given
 * @param ip the parsed IP for the IP types, or null for the DNS and hostname types
 */
public record NodeAddress(String type, String address, IpAddress ip) {
    /** The API's InternalIP type. */
    public static final String INTERNAL_IP = "InternalIP";
    /** The API's ExternalIP type. */
    public static final String EXTERNAL_IP = "ExternalIP";
    /** The API's Hostname type. */
    public static final String HOSTNAME = "Hostname";

    /** True for the types whose address must be an IP. */
    public static boolean isIpType(String type) {
        return INTERNAL_IP.equals(type) || EXTERNAL_IP.equals(type);
    }
}
