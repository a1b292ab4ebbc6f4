package io.kpbench.cluster.synthetic;

import io.kpbench.cluster.ServiceType;
import java.util.StringJoiner;

/**
 * The mix of service types in a synthetic cluster, as relative integer weights, apportioned exactly (largest
 * remainder) so that a spec of 1000 services at {@code ClusterIP:70+NodePort:20+LoadBalancer:10} has 700, 200
 * and 100 of them.
 *
 * <p>Written {@code TYPE:WEIGHT+TYPE:WEIGHT...} with {@code +} between the entries, because {@code ,} separates
 * the spec's keys; a weight of 1 may be left out ({@code types=NodePort}). ExternalName and headless services are
 * not generated: kube-proxy programs nothing for them.
 *
 * @param clusterIP the ClusterIP weight
 * @param nodePort the NodePort weight
 * @param loadBalancer the LoadBalancer weight
 */
public record TypeMix(int clusterIP, int nodePort, int loadBalancer) {
    /** The generated types, in apportioning order. */
    static final ServiceType[] TYPES = {ServiceType.ClusterIP, ServiceType.NodePort, ServiceType.LoadBalancer};

    /** Validates the weights; messages name the {@code types} key. */
    public TypeMix {
        if (clusterIP < 0 || nodePort < 0 || loadBalancer < 0) {
            throw new IllegalArgumentException("types: weights must not be negative");
        }
        long sum = (long) clusterIP + nodePort + loadBalancer;
        if (sum == 0 || sum > 1_000_000) {
            throw new IllegalArgumentException("types: the weights must sum to 1..1000000");
        }
    }

    /** Only ClusterIP services. */
    public static TypeMix clusterIPOnly() {
        return new TypeMix(1, 0, 0);
    }

    /** Parses {@code TYPE[:WEIGHT]+...}, such as {@code ClusterIP:70+NodePort:20+LoadBalancer:10}. */
    public static TypeMix parse(String text) {
        int[] w = new int[TYPES.length];
        boolean[] seen = new boolean[TYPES.length];
        for (String entry : text.split("\\+", -1)) {
            String[] kv = entry.trim().split(":", -1);
            int i = indexOf(ServiceType.fromApi(kv[0].trim()));
            if (i < 0 || kv.length > 2) {
                throw new IllegalArgumentException("types: '" + entry.trim()
                        + "' is not ClusterIP, NodePort or LoadBalancer with an optional :WEIGHT");
            }
            if (seen[i]) {
                throw new IllegalArgumentException("types: " + TYPES[i] + " is given twice");
            }
            seen[i] = true;
            try {
                w[i] = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : 1;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("types: the weight of " + TYPES[i] + " is not an integer: '"
                        + kv[1].trim() + "'");
            }
        }
        return new TypeMix(w[0], w[1], w[2]);
    }

    private static int indexOf(ServiceType t) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == t) {
                return i;
            }
        }
        return -1;
    }

    /** The weights in {@link #TYPES} order. */
    int[] weights() {
        return new int[] {clusterIP, nodePort, loadBalancer};
    }

    /** Exact counts per type for {@code services} services, in {@link #TYPES} order (largest remainder). */
    public int[] apportion(int services) {
        int[] w = weights();
        long total = (long) clusterIP + nodePort + loadBalancer;
        int[] counts = new int[w.length];
        long[] rem = new long[w.length];
        int given = 0;
        for (int i = 0; i < w.length; i++) {
            counts[i] = (int) ((long) services * w[i] / total);
            rem[i] = (long) services * w[i] % total;
            given += counts[i];
        }
        for (; given < services; given++) {
            int best = 0;
            for (int i = 1; i < w.length; i++) {
                best = rem[i] > rem[best] ? i : best;
            }
            counts[best]++;
            rem[best] = -1;
        }
        return counts;
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner("+");
        int[] w = weights();
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                j.add(TYPES[i] + ":" + w[i]);
            }
        }
        return j.toString();
    }
}
