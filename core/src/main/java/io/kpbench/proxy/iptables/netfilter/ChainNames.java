package io.kpbench.proxy.iptables.netfilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * kube-proxy's iptables chain names: a prefix plus the first 16 characters of the standard base32 encoding of
 * a SHA-256 digest ({@code portProtoHash} and {@code servicePortEndpointChainName} in
 * {@code pkg/proxy/iptables/proxier.go}), which keeps names within iptables' 28-character limit.
 */
final class ChainNames {
    /** The Cluster-policy chain of a service port. */
    public static final String SVC = "KUBE-SVC-";
    /** The Local-policy chain of a service port. */
    public static final String SVL = "KUBE-SVL-";
    /** The external-destinations chain of a service port. */
    public static final String EXT = "KUBE-EXT-";
    /** The loadBalancerSourceRanges chain of a service port. */
    public static final String FW = "KUBE-FW-";
    /** The chain of one endpoint of a service port. */
    public static final String SEP = "KUBE-SEP-";

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    private ChainNames() {
    }

    /** The 16-character hash of {@code servicePortName + protocol} shared by SVC, SVL, EXT and FW chains. */
    public static String portProtoHash(String servicePortName, String protocol) {
        return hash16(servicePortName + protocol);
    }

    /** The KUBE-SEP chain of {@code endpoint} ({@code ip:port}, {@code [ip]:port} for IPv6). */
    public static String endpointChain(String servicePortName, String protocol, String endpoint) {
        return SEP + hash16(servicePortName + protocol + endpoint);
    }

    /** True for the per-service chains kube-proxy deletes when they go stale ({@code isServiceChainName}). */
    public static boolean isServiceChain(String chain) {
        return chain.startsWith(SVC) || chain.startsWith(SVL) || chain.startsWith(SEP) || chain.startsWith(FW)
                || chain.startsWith(EXT);
    }

    /** The first 16 base32 characters of SHA-256({@code s}): 10 digest bytes, so no padding is involved. */
    static String hash16(String s) {
        byte[] d = SHA256.get().digest(s.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[16];
        int o = 0;
        for (int block = 0; block < 10; block += 5) {
            long bits = 0;
            for (int i = 0; i < 5; i++) {
                bits = (bits << 8) | (d[block + i] & 0xFF);
            }
            for (int k = 7; k >= 0; k--) {
                out[o++] = BASE32[(int) (bits >>> (5 * k)) & 31];
            }
        }
        return new String(out);
    }
}
