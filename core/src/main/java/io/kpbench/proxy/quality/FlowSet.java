package io.kpbench.proxy.quality;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.ebpf.maglev.TupleHash;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded set of external TCP flows to the experiment's NodePort, in primitive arrays: client address (from
 * 100.64.0.0/10), client port, and one uniformly random 64-bit draw per flow.
 */
final class FlowSet {
    final int size;
    private final int[] src;
    private final int[] sport;
    private final long[] draw;

    FlowSet(int size, long seed) {
        this.size = size;
        this.src = new int[size];
        this.sport = new int[size];
        this.draw = new long[size];
        SplittableRandom r = new SplittableRandom(seed);
        int base = IpAddress.parse("100.64.0.0").v4();
        for (int i = 0; i < size; i++) {
            src[i] = base + r.nextInt(1 << 22);
            sport[i] = 1024 + r.nextInt(64512);
            draw[i] = r.nextLong();
        }
    }

    FiveTuple tuple(int i, FiveTuple reuse) {
        return reuse.setV4(src[i], sport[i], QualityCluster.NODE_IP.v4(), QualityCluster.NODE_PORT,
                Protocol.TCP.number());
    }

    /** The seeded hash of flow {@code i} (what modulo hashing and Maglev key on). */
    long hash(int i, FiveTuple reuse) {
        return TupleHash.of(tuple(i, reuse), 0x5EED_5EEDL, true);
    }

    /**
     * Classifies every flow through {@code plane} and returns the endpoint each got, as the endpoint number
     * (the {@code i} of {@link QualityCluster#endpoint}); {@code redraw} replaces each flow's random draw by a
     * fresh one from {@code redraw} (a new connection), null keeps the flow's own draw.
     */
    int[] classify(DataPlane plane, SplittableRandom redraw) {
        int[] out = new int[size];
        Map<Integer, Integer> idToEndpoint = new HashMap<>();
        FiveTuple t = new FiveTuple();
        for (int i = 0; i < size; i++) {
            long c = plane.classify(tuple(i, t), 0L, redraw == null ? draw[i] : redraw.nextLong());
            if (Classification.verdict(c) != Verdict.DNAT) {
                throw new IllegalStateException("flow " + i + " was not DNATed but " + Classification.verdict(c));
            }
            out[i] = idToEndpoint.computeIfAbsent(Classification.endpoint(c), id -> endpointNumber(plane.endpoint(id)));
        }
        return out;
    }

    private static int endpointNumber(String text) {
        String ip = text.substring(0, text.lastIndexOf(':'));
        return IpAddress.parse(ip).v4() - QualityCluster.endpoint(0).v4();
    }
}
