package io.kpbench.bench;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.net.Cidr;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A precomputed, seeded and shuffled array of NEW packets to a cluster's service ports ({@link ClusterTargets}),
 * with one random 64-bit value per packet for the data plane's endpoint choice; read with {@code cursor & mask}.
 *
 * <p>Each packet is 4 interleaved ints (source, destination, source port and destination port, protocol), so
 * reading one touches a single cache line. Draws come in random order (never sorted), as JMH samples 36-37 ask.
 */
final class PacketMix {
    /**
     * Packets in every benchmark's mix, whatever the cluster's size: 64Ki packets of 16 bytes plus their 8-byte
     * random values, 1.5 MiB. A fixed size keeps the harness's own stream from growing with the cluster, so that
     * a mode's curve over services is the mode's tables outgrowing the caches, not the packets (at 100k services
     * the mix used to be 12 MiB). A uniform draw of 64Ki packets still reaches most services at every scale.
     */
    static final int SIZE = 1 << 16;

    private final int[] packed;
    private final long[] random;
    private final int mask;

    private PacketMix(int[] packed, long[] random) {
        this.packed = packed;
        this.random = random;
        this.mask = random.length - 1;
    }

    /**
     * A mix of {@code size} (a power of two) packets from pods (any node's) to the proxied IPv4 ClusterIP:ports of
     * {@code c}: the historical fixture of the paired and conntrack benchmarks.
     */
    static PacketMix of(ClusterSnapshot c, Traffic traffic, int size, long seed) {
        return draw(ClusterTargets.clusterIps(c), podAddresses(c, null), traffic, size, seed);
    }

    /**
     * A mix of {@code size} (a power of two) NEW packets to the service ports of {@code c} arriving at its node:
     * over the frontends of {@code path}, or, when null, the cluster's own traffic (each service port through
     * its type's frontend, plus its externalIPs). ClusterIP packets come from the pods on the node (else from its
     * pod CIDR, else from any pod), the others from {@link ClusterTargets#CLIENT} outside the cluster.
     */
    static PacketMix of(BenchCluster c, ServicePath path, Traffic traffic, int size, long seed) {
        int[][] targets = ClusterTargets.of(c.snapshot(), c.node(), path);
        return draw(targets, podAddresses(c.snapshot(), c.node().nodeName()), traffic, size, seed);
    }

    private static PacketMix draw(int[][] targets, int[] pods, Traffic traffic, int size, long seed) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + size);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] rank = permutation(targets.length, rng);
        double[] cdf = traffic == Traffic.ZIPF ? zipfCdf(targets.length) : null;
        int[] packed = new int[size * 4];
        long[] random = new long[size];
        for (int i = 0; i < size; i++) {
            int r = cdf == null ? rng.nextInt(targets.length) : sample(cdf, rng.nextDouble());
            int[] t = targets[rank[r]];
            int pod = pods[rng.nextInt(pods.length)];
            pack(packed, i, t[3] == ClusterTargets.FROM_POD ? pod : ClusterTargets.CLIENT, sourcePort(rng), t);
            random[i] = rng.nextLong();
        }
        return new PacketMix(packed, random);
    }

    /**
     * The packets already packed in {@code packed} ({@link #pack}), with their random values, read by index
     * ({@link #mask} serves a cursor only when their number is a power of two).
     */
    static PacketMix of(int[] packed, long[] random) {
        if (packed.length != 4 * random.length) {
            throw new IllegalArgumentException("4 ints a packet, not " + packed.length + " for " + random.length);
        }
        return new PacketMix(packed, random);
    }

    /** Packs packet {@code i}: {@code source}:{@code sourcePort} to {@code target} ({address, port, protocol}). */
    static void pack(int[] packed, int i, int source, int sourcePort, int[] target) {
        packed[4 * i] = source;
        packed[4 * i + 1] = target[0];
        packed[4 * i + 2] = sourcePort << 16 | target[1];
        packed[4 * i + 3] = target[2];
    }

    /** An ephemeral source port, 1024-65535. */
    static int sourcePort(SplittableRandom rng) {
        return 1024 + rng.nextInt(64512);
    }

    /** The number of packets (a power of two). */
    int size() {
        return random.length;
    }

    /** {@code size() - 1}. */
    int mask() {
        return mask;
    }

    /** Loads packet {@code i} into {@code t}; allocation-free. */
    FiveTuple load(int i, FiveTuple t) {
        int[] p = packed;
        int b = i << 2;
        int ports = p[b + 2];
        return t.setV4(p[b], ports >>> 16, p[b + 1], ports & 0xFFFF, p[b + 3]);
    }

    /** The random value of packet {@code i}. */
    long random(int i) {
        return random[i];
    }

    /** {@code size} packets drawn uniformly (seeded) from the packets at {@code indexes}, with new random values. */
    PacketMix resample(int[] indexes, int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] p = new int[size * 4];
        long[] r = new long[size];
        for (int i = 0; i < size; i++) {
            int j = indexes[rng.nextInt(indexes.length)];
            System.arraycopy(packed, 4 * j, p, 4 * i, 4);
            r[i] = rng.nextLong();
        }
        return new PacketMix(p, r);
    }

    /**
     * The pods that send: the IPv4 endpoint addresses on {@code node} (every node's when null), else addresses
     * of the node's IPv4 pod CIDR, else every IPv4 endpoint address.
     */
    static int[] podAddresses(ClusterSnapshot c, String node) {
        List<EndpointSlice> slices = new ArrayList<>(c.slices().values());
        slices.sort((a, b) -> a.ref().compareTo(b.ref()));
        int n = 0;
        int[] out = new int[1024];
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.endpoints()) {
                if (e.address().isV4() && (node == null || node.equals(e.nodeName()))) {
                    out = n == out.length ? Arrays.copyOf(out, n * 2) : out;
                    out[n++] = e.address().v4();
                }
            }
        }
        if (n == 0 && node != null) {
            Node host = c.node(node);
            Cidr pods = host == null ? null
                    : host.podCIDRs().stream().filter(p -> p.family() == IpFamily.IPv4).findFirst().orElse(null);
            return pods != null && pods.hostBits() >= 2 ? new int[] {pods.base().v4() + 2} : podAddresses(c, null);
        }
        if (n == 0) {
            throw new IllegalArgumentException("the cluster has no IPv4 endpoint to send from");
        }
        return Arrays.copyOf(out, n);
    }

    /** A seeded Fisher-Yates permutation of 0..n-1. */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static double[] zipfCdf(int n) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, Traffic.ZIPF_EXPONENT);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    private static int sample(double[] cdf, double u) {
        int i = Arrays.binarySearch(cdf, u);
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }
}
