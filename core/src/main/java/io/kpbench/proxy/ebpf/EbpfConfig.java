package io.kpbench.proxy.ebpf;

import io.kpbench.proxy.ebpf.maglev.MaglevTable;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * The Cilium agent options the {@code ebpf} mode models, with Cilium's defaults (kubeproxy-free.rst,
 * {@code cilium-agent} flags).
 *
 * @param algorithm {@code --bpf-lb-algorithm}: random (default) or maglev; Maglev applies to north-south traffic
 *     only, in-cluster traffic always selects at random ({@code bpf_lxc.c} forces {@code LB_SELECTION_RANDOM})
 * @param maglevTableSize {@code --bpf-lb-maglev-table-size}, one of Cilium's primes (default 16381)
 * @param hashSeed {@code --bpf-lb-maglev-hash-seed}: base64 of 12 bytes (default {@code JLfvgnHc2kaSUFaI})
 * @param socketLB socket-level load balancing for in-cluster clients ({@code bpf-lb-sock}, on with KPR)
 * @param lbMapMax {@code --bpf-lb-map-max}: entries of the service, backend and affinity maps (default 65536)
 * @param noBackendReject {@code --service-no-backend-response}: true for {@code reject} (the default since
 *     Cilium 1.15: ICMP destination unreachable), false for {@code drop}
 * @param externalClusterIP {@code --bpf-lb-external-clusterip}: allow access to ClusterIPs from outside the
 *     cluster (default false: such packets are dropped)
 * @param dropVirtualIPTraffic wildcard service entries ({@code address:0/ANY}, one per ClusterIP and LB VIP) and the
 *     datapath's {@code drop_traffic_to_virtual_ips} ({@code ENABLE_DROP_VIRTUAL_IP_TRAFFIC} in the BPF tests): a
 *     packet to such a VIP on a port no service uses is dropped instead of left alone. Cilium 1.19 introduced it,
 *     on by default ({@code bpf-lb-enable-wildcard-entries=true}, PR #40684, {@code pkg/loadbalancer/config.go},
 *     {@code bpf/lib/lb.h lookup_virtual_service_v4}); the Cilium 1.18 this model follows has no such entries:
 *     default false
 */
public record EbpfConfig(Algorithm algorithm, int maglevTableSize, String hashSeed, boolean socketLB, int lbMapMax,
        boolean noBackendReject, boolean externalClusterIP, boolean dropVirtualIPTraffic) {

    /** Cilium's built-in Maglev seed. */
    public static final String DEFAULT_HASH_SEED = "JLfvgnHc2kaSUFaI";
    /** Cilium's default {@code bpf-lb-map-max}. */
    public static final int DEFAULT_LB_MAP_MAX = 65536;
    /** Wildcard entries and the virtual-IP drop: absent in the pinned Cilium 1.18 (Cilium 1.19's default is on). */
    public static final boolean DEFAULT_DROP_VIRTUAL_IP_TRAFFIC = false;

    /** Backend selection. */
    public enum Algorithm {
        /** {@code slot = prandom() mod count + 1}. */
        RANDOM,
        /** {@code maglev[hash(5-tuple) mod M]}. */
        MAGLEV
    }

    /** Validates: Cilium's table sizes only, a 12-byte seed, a positive map size. */
    public EbpfConfig {
        MaglevTable.requireCiliumSize(maglevTableSize);
        decodeSeed(hashSeed);
        if (lbMapMax < 1) {
            throw new IllegalArgumentException("bpf-lb-map-max must be positive, got " + lbMapMax);
        }
    }

    /** Cilium's defaults: random selection, socket LB on, 65536 map entries, reject without backends. */
    public static EbpfConfig defaults() {
        return new EbpfConfig(Algorithm.RANDOM, MaglevTable.DEFAULT_SIZE, DEFAULT_HASH_SEED, true,
                DEFAULT_LB_MAP_MAX, true, false, DEFAULT_DROP_VIRTUAL_IP_TRAFFIC);
    }

    /** Copies with Maglev selection and table size {@code m}. */
    public EbpfConfig withMaglev(int m) {
        return edit(e -> {
            e.algorithm = Algorithm.MAGLEV;
            e.maglevTableSize = m;
        });
    }

    /** Copies with socket LB on or off. */
    public EbpfConfig withSocketLB(boolean on) {
        return edit(e -> e.socketLB = on);
    }

    /** Copies with another map size. */
    public EbpfConfig withLbMapMax(int max) {
        return edit(e -> e.lbMapMax = max);
    }

    /** Copies with {@code --service-no-backend-response=reject} (true) or {@code drop} (false). */
    public EbpfConfig withNoBackendReject(boolean reject) {
        return edit(e -> e.noBackendReject = reject);
    }

    /** Copies with another hash seed. */
    public EbpfConfig withHashSeed(String seed) {
        return edit(e -> e.hashSeed = seed);
    }

    /** Copies with the wildcard entries and the virtual-IP drop on or off (Cilium 1.19's default is on). */
    public EbpfConfig withDropVirtualIPTraffic(boolean on) {
        return edit(e -> e.dropVirtualIPTraffic = on);
    }

    /** This configuration with {@code change} applied to a mutable copy of its fields, validated again. */
    private EbpfConfig edit(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new EbpfConfig(d.algorithm, d.maglevTableSize, d.hashSeed, d.socketLB, d.lbMapMax, d.noBackendReject,
                d.externalClusterIP, d.dropVirtualIPTraffic);
    }

    /** The one place the withers copy every component: a mutable copy of a configuration's fields. */
    private static final class Draft {
        Algorithm algorithm;
        int maglevTableSize;
        String hashSeed;
        boolean socketLB;
        int lbMapMax;
        boolean noBackendReject;
        boolean externalClusterIP;
        boolean dropVirtualIPTraffic;

        Draft(EbpfConfig c) {
            algorithm = c.algorithm;
            maglevTableSize = c.maglevTableSize;
            hashSeed = c.hashSeed;
            socketLB = c.socketLB;
            lbMapMax = c.lbMapMax;
            noBackendReject = c.noBackendReject;
            externalClusterIP = c.externalClusterIP;
            dropVirtualIPTraffic = c.dropVirtualIPTraffic;
        }
    }

    /** The Maglev permutation seed: the seed's first 4 bytes, as Cilium's {@code seedMurmur}. */
    public long maglevSeed() {
        byte[] d = decodeSeed(hashSeed);
        return ((d[0] & 0xFFL) << 24) | ((d[1] & 0xFFL) << 16) | ((d[2] & 0xFFL) << 8) | (d[3] & 0xFFL);
    }

    /** The datapath tuple-hash seed: the seed's last 8 bytes, as Cilium's {@code SeedJhash0/1}. */
    public long tupleSeed() {
        byte[] d = decodeSeed(hashSeed);
        long s = 0;
        for (int i = 4; i < 12; i++) {
            s = (s << 8) | (d[i] & 0xFFL);
        }
        return s;
    }

    private static byte[] decodeSeed(String seed) {
        byte[] d;
        try {
            d = Base64.getDecoder().decode(seed == null ? "" : seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot decode base64 maglev hash seed '" + seed + "'", e);
        }
        if (d.length != 12) {
            throw new IllegalArgumentException("decoded maglev hash seed is " + d.length + " bytes (not 12 bytes)");
        }
        return d;
    }
}
