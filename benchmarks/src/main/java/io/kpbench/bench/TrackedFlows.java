package io.kpbench.bench;

import io.kpbench.conntrack.Conntrack;
import io.kpbench.conntrack.TcpFlags;
import io.kpbench.net.FiveTuple;
import java.util.Arrays;
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

    /** Inserts up to {@code flows} flows of {@code mix} into {@code ct} (SNAT to {@code nodeIp} when masqueraded). */
    static TrackedFlows fill(Conntrack ct, PacketMix mix, int flows, Nat nat, int nodeIp, long seed) {
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
        int size = PacketMix.sizeFor(flows);
        return new TrackedFlows(mix.resample(Arrays.copyOf(ok, n), size, seed), n);
    }

    /** The established packets to look up. */
    PacketMix lookups() {
        return lookups;
    }
}
