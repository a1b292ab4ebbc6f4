package io.kpbench.bench;

import io.kpbench.conntrack.Conntrack;
import io.kpbench.conntrack.TcpFlags;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Verdict;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A conntrack table filled with {@code flows} NAT-ed connections and a seeded, shuffled array of established
 * packets drawn uniformly from them (all hits), read with {@code cursor & mask} like a {@link PacketMix}.
 *
 * <p>Flows come from a {@link PacketMix} (pod sources and ports, ClusterIP:port destinations); a caller-supplied
 * {@link Nat} decides each flow's DNAT endpoint and masquerade, as the proxier's first-packet verdict does. A
 * tuple drawn twice is skipped, so the table holds slightly fewer than {@code flows} entries.
 */
final class TrackedFlows {
    /** The clock at which flows are created and looked up (conntrack expiry never fires within a trial). */
    static final long NOW = 1_000_000_000L;

    private final PacketMix lookups;
    final int created;

    private TrackedFlows(PacketMix lookups, int created) {
        this.lookups = lookups;
        this.created = created;
    }

    /** The first-packet translation of a flow. */
    interface Nat {
        /** {@code endpointIp << 16 | endpointPort} for packet {@code t}, or -1 for no DNAT; {@code masq[0]} set
         *  when the flow is masqueraded. */
        long dnat(FiveTuple t, long random, boolean[] masq);
    }

    /** A table capacity for {@code flows} connections with a quarter to spare, so that no trial grows the table. */
    static int capacity(int flows) {
        return flows + flows / 4 + 1024;
    }

    /**
     * Inserts up to {@code flows} flows of uniform traffic to cluster {@code c} (first packets seeded with
     * {@link BenchCluster#SEED}, at least 2^16 of them) into {@code ct}, SNAT to {@code nodeIp} when masqueraded,
     * and draws the established packets with seed {@code SEED + 1}.
     */
    static TrackedFlows fill(Conntrack ct, BenchCluster c, int flows, Nat nat, int nodeIp) {
        int firstPackets = Integer.highestOneBit(Math.max(1 << 16, flows) * 2 - 1);
        PacketMix mix = PacketMix.of(c.snapshot(), Traffic.UNIFORM, firstPackets, BenchCluster.SEED);
        long seed = BenchCluster.SEED + 1;
        FiveTuple t = new FiveTuple();
        FiveTuple out = new FiveTuple();
        boolean[] masq = new boolean[1];
        int[] ok = new int[flows];
        int n = 0;
        for (int i = 0; i < flows && i < mix.size(); i++) {
            mix.load(i, t);
            masq[0] = false;
            long ep = nat.dnat(t, mix.random(i), masq);
            if (ep < 0) {
                continue;
            }
            long r = ct.insert(t, TcpFlags.SYN, (int) (ep >>> 16), (int) (ep & 0xFFFF), masq[0] ? nodeIp : 0, NOW,
                    out);
            if (r >= 0) {
                ok[n++] = i;
            }
        }
        if (n == 0) {
            throw new IllegalStateException("no flow could be tracked");
        }
        int size = PacketMix.SIZE;
        return new TrackedFlows(mix.resample(Arrays.copyOf(ok, n), size, seed), n);
    }

    /**
     * Up to {@code flows} flows whose first packets {@code dp} (the proxier of {@code c}'s node) classified:
     * each DNAT verdict (endpoint, and masquerade to the node IP) becomes the flow's conntrack entry, as
     * {@code io.kpbench.path.PacketPath} does.
     */
    static TrackedFlows through(Conntrack ct, BenchCluster c, int flows, DataPlane dp) {
        Map<Integer, Long> endpointCache = new HashMap<>();
        long[] clock = {0};
        Nat nat = (t, random, masq) -> {
            clock[0] += PacketClock.STEP_NANOS;
            long r = dp.classify(t, clock[0], random);
            if (Classification.verdict(r) != Verdict.DNAT) {
                return -1;
            }
            masq[0] = Classification.masquerade(r);
            return endpointCache.computeIfAbsent(Classification.endpoint(r), id -> packed(dp.endpoint(id)));
        };
        return fill(ct, c, flows, nat, c.node().primaryIP(IpFamily.IPv4).v4());
    }

    /** {@code ip << 16 | port} of an endpoint's {@code ip:port} text. */
    static long packed(String ipPort) {
        int colon = ipPort.lastIndexOf(':');
        int ip = IpAddress.parse(ipPort.substring(0, colon)).v4();
        return ((ip & 0xFFFF_FFFFL) << 16) | Integer.parseInt(ipPort.substring(colon + 1));
    }

    /** The established packets to look up. */
    PacketMix lookups() {
        return lookups;
    }
}
