package io.kpbench.path;

import io.kpbench.cluster.Service;

/**
 * Generated cloud LB hostnames in the seed's style: {@code <32 hex>-<10 digits>.<region>.elb.amazonaws.com},
 * a deterministic function of the service's name.
 */
final class LbNames {
    private LbNames() {
    }

    static String hostname(Service s, ClusterNetwork network) {
        long a = fold(s.ref().toString(), 0x9E37_79B9_7F4A_7C15L);
        long b = fold(s.ref().toString(), 0xC2B2_AE3D_27D4_EB4FL);
        String hex = String.format("%016x%016x", a, b);
        long digits = Math.floorMod(a ^ b, 9_000_000_000L) + 1_000_000_000L;
        return hex + "-" + digits + "." + region(network) + ".elb.amazonaws.com";
    }

    private static String region(ClusterNetwork network) {
        for (ClusterNode n : network.nodes()) {
            String z = n.zone();
            if (z != null && z.length() > 1 && Character.isLetter(z.charAt(z.length() - 1))) {
                return z.substring(0, z.length() - 1);
            }
        }
        return "us-east-1";
    }

    private static long fold(String s, long seed) {
        long h = seed;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x1000_0000_01B3L;
            h ^= h >>> 31;
        }
        return h;
    }
}
