package io.kpbench.path;

import java.util.List;

/**
 * The verbose result of {@link ClusterPath#walk}: the name resolution, then every packet of the connection there
 * and back, hop by hop.
 *
 * @param from the originator, {@code client}, {@code pod/ns/name} or {@code node/name}
 * @param to the destination as given
 * @param mode the proxy mode's CLI name
 * @param dns the resolution hops (empty when an IP was given)
 * @param packets one entry per packet sent
 */
public record Walk(String from, String to, String mode, List<Hop> dns, List<PacketWalk> packets) {
    /** Copies the lists. */
    public Walk {
        dns = List.copyOf(dns);
        packets = List.copyOf(packets);
    }

    /**
     * One packet of the connection and its reply.
     *
     * @param number 1 for the connection's first packet
     * @param request the hops from the originator to the pod
     * @param reply the hops of the reply back to the originator
     * @param result the {@link JourneyResult}-packed result
     * @param requestSummary the hops taken there, as {@link WalkSummary} names them ({@code Client -> ... -> Pod ...})
     * @param replySummary the hops taken back ({@code Pod ... -> conntrack on node-a (src ...) -> Client})
     */
    public record PacketWalk(int number, List<Hop> request, List<Hop> reply, long result, String requestSummary,
            String replySummary) {
        /** Copies the lists. */
        public PacketWalk {
            request = List.copyOf(request);
            reply = List.copyOf(reply);
        }

        /** How it ended. */
        public JourneyResult.Outcome outcome() {
            return JourneyResult.outcome(result);
        }

        /** True when the node's conntrack fast path carried it (no proxier walk). */
        public boolean fastPath() {
            return JourneyResult.has(result, JourneyResult.FAST_PATH);
        }
    }
}
