package io.kpbench.cluster.growth;

import io.kpbench.net.Ports;
import java.util.BitSet;

/**
 * The free ports of a node-port range, handed out lowest first: the API server's port allocator
 * ({@code pkg/registry/core/service/portallocator}) without its randomness, so that growth is deterministic.
 */
final class NodePortPool {
    private final Ports.Range range;
    private final BitSet used = new BitSet();
    private int cursor;

    NodePortPool(Ports.Range range) {
        this.range = range;
        this.cursor = range.first();
    }

    /** Marks {@code port} taken; ports outside the range are ignored. Returns true when it was free and in range. */
    boolean take(int port) {
        if (!range.contains(port) || used.get(port)) {
            return false;
        }
        used.set(port);
        return true;
    }

    /** The range. */
    Ports.Range range() {
        return range;
    }

    /** The free ports left. */
    int free() {
        return range.size() - used.cardinality();
    }

    /** The lowest free port; the caller checks {@link #free()} first. */
    int next() {
        int p = used.nextClearBit(cursor);
        if (p > range.last()) {
            throw new IllegalStateException("node-port range " + range.first() + "-" + range.last() + " is full");
        }
        used.set(p);
        cursor = p + 1;
        return p;
    }
}
