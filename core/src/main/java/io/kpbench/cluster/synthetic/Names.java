package io.kpbench.cluster.synthetic;

import java.util.SplittableRandom;

/**
 * The names of synthetic objects: zero-padded ordinals ({@code svc-00001}, {@code node-0001}, {@code ns-01}),
 * zone letters, the API server's five-character {@code generateName} suffix, and AWS-style ELB host names.
 */
final class Names {
    /** The alphabet of {@code k8s.io/apimachinery}'s {@code utilrand.String}: no vowels, no confusable digits. */
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Names() {
    }

    /** {@code prefix} and {@code n} zero-padded to {@code width} digits. */
    static String ordinal(String prefix, int n, int width) {
        String digits = Integer.toString(n);
        StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** The digits needed for ordinals up to {@code count}, at least {@code min}. */
    static int width(int count, int min) {
        return Math.max(min, Integer.toString(Math.max(count, 0)).length());
    }

    /** {@code zone-a} for 0, {@code zone-z} for 25, {@code zone-aa} for 26 (bijective base 26). */
    static String zone(int i) {
        StringBuilder sb = new StringBuilder();
        for (int n = i + 1; n > 0; n = (n - 1) / 26) {
            sb.append((char) ('a' + (n - 1) % 26));
        }
        return "zone-" + sb.reverse();
    }

    /** A {@code generateName} suffix: five characters of the API server's alphabet. */
    static String suffix(SplittableRandom rng) {
        char[] c = new char[5];
        for (int i = 0; i < c.length; i++) {
            c[i] = SUFFIX_ALPHABET.charAt(rng.nextInt(SUFFIX_ALPHABET.length()));
        }
        return new String(c);
    }

    /**
     * A classic-ELB DNS name as the AWS cloud provider reports it: {@code a} and 31 hex digits (the 32-character
     * load balancer name), a ten-digit id, then the region's ELB domain.
     */
    static String elbHostname(SplittableRandom rng) {
        StringBuilder sb = new StringBuilder(72).append('a');
        for (int i = 0; i < 31; i++) {
            sb.append(HEX[rng.nextInt(16)]);
        }
        sb.append('-').append(1_000_000_000L + rng.nextLong(9_000_000_000L));
        return sb.append(".us-east-1.elb.amazonaws.com").toString();
    }
}
