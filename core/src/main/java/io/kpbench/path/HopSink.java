package io.kpbench.path;

import io.kpbench.net.FiveTuple;

/**
 * Where {@link PacketPath} reports hops: nowhere for benchmarks ({@link #NONE}), a {@link WalkRecorder} for the CLI.
 * Arguments are primitives and the engine's reused tuple, so reporting to {@link #NONE} allocates nothing.
 */
public interface HopSink {
    /** Discards every hop. */
    HopSink NONE = (kind, reply, node, packet, detail) -> { };

    /**
     * One hop.
     *
     * @param kind what happened
     * @param reply true on the reply's way back
     * @param node the node index where it happened, or -1 (client, LB)
     * @param packet the packet's tuple after the hop (valid only during the call)
     * @param detail a kind-specific value (see {@link HopKind})
     */
    void hop(HopKind kind, boolean reply, int node, FiveTuple packet, long detail);
}
