package io.kpbench.proxy.nftables.nft;

import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * kube-proxy's nftables chain and set names: {@code <prefix><hash8>-<ns>/<svc>/<proto>/<port>} for service
 * chains and {@code ...__<ip>/<port>} for endpoint chains and affinity sets, where hash8 is the first 8
 * characters of the standard base32 of the name's SHA-256 ({@code hashAndTruncate} in
 * {@code pkg/proxy/nftables/proxier.go}) and the hashed name is cut to 240 characters ending in {@code ...}.
 */
final class ChainNames {
    /** The longest base name: nft's 256-character limit minus a 16-character prefix budget. */
    static final int BASE_LENGTH_MAX = 256 - 16;

    /** Prefix of a Cluster-policy service chain. */
    public static final String SERVICE = "service-";
    /** Prefix of a Local-policy service chain. */
    public static final String LOCAL = "local-";
    /** Prefix of the external-destinations chain. */
    public static final String EXTERNAL = "external-";
    /** Prefix of the loadBalancerSourceRanges chain. */
    public static final String FIREWALL = "firewall-";
    /** Prefix of an endpoint chain. */
    public static final String ENDPOINT = "endpoint-";
    /** Prefix of an endpoint's session-affinity set. */
    public static final String AFFINITY = "affinity-";

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private ChainNames() {
    }

    /** The base of a service port's chains, e.g. {@code ULMVA6XW-ns1/svc1/tcp/p80}. */
    public static String serviceBase(ServicePortName spn) {
        return hashAndTruncate(spn.service().namespace() + "/" + spn.service().name() + "/"
                + spn.protocol().lower() + "/" + spn.port());
    }

    /** The base of an endpoint's chain and affinity set, e.g. {@code 5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80}. */
    public static String endpointBase(ServicePortName spn, EndpointInfo ep) {
        String ip = ep.ip().toString().replace(':', '.');
        return hashAndTruncate(spn.service().namespace() + "/" + spn.service().name() + "/"
                + spn.protocol().lower() + "/" + spn.port() + "__" + ip + "/" + ep.port());
    }

    /** Prefixes {@code name} with the first 8 base32 characters of its SHA-256 and truncates to 240. */
    public static String hashAndTruncate(String name) {
        byte[] d = sha256(name.getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (d[i] & 0xFF);
        }
        StringBuilder sb = new StringBuilder(9 + name.length());
        for (int i = 7; i >= 0; i--) {
            sb.append(BASE32[(int) (bits >>> (5 * i)) & 31]);
        }
        sb.append('-').append(name);
        if (sb.length() > BASE_LENGTH_MAX) {
            sb.setLength(BASE_LENGTH_MAX - 3);
            sb.append("...");
        }
        return sb.toString();
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
