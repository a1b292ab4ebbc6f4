package io.kpbench.plan;

import io.kpbench.net.Ports;
import java.util.List;

/**
 * The node and traffic a plan assumes.
 *
 * @param cores the node's CPUs, for {@code nf_conntrack_max}
 * @param newConnectionsPerSecond new connections per second through the node, or null when not given (then
 *     conntrack is not checked); assumed to grow with the cluster
 * @param nodePortRange the API server's node-port range
 * @param maglevTableSize Cilium's Maglev M
 * @param scales the growth factors to show, 1 first
 */
public record PlanOptions(int cores, Double newConnectionsPerSecond, Ports.Range nodePortRange, int maglevTableSize,
        List<Integer> scales) {
    /** The factors {@code kpbench plan} shows by default. */
    public static final List<Integer> DEFAULT_SCALES = List.of(1, 2, 5, 10);

    /** Validates and copies. */
    public PlanOptions {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be 1 or more, not " + cores);
        }
        if (newConnectionsPerSecond != null && !(newConnectionsPerSecond >= 0)) {
            throw new IllegalArgumentException("new connections per second must be 0 or more");
        }
        scales = List.copyOf(scales);
        for (int s : scales) {
            if (s < 1) {
                throw new IllegalArgumentException("growth factors must be 1 or more, not " + s);
            }
        }
    }

    /** 4 cores, no connection rate, the default node-port range, M 16381, ×1, ×2, ×5, ×10. */
    public static PlanOptions defaults() {
        return new PlanOptions(4, null, Ports.Range.DEFAULT_NODE_PORTS, Sources.MAGLEV_M, DEFAULT_SCALES);
    }

    /** These options with {@code r} new connections per second. */
    public PlanOptions withNewConnectionsPerSecond(Double r) {
        return new PlanOptions(cores, r, nodePortRange, maglevTableSize, scales);
    }

    /** These options with {@code n} cores. */
    public PlanOptions withCores(int n) {
        return new PlanOptions(n, newConnectionsPerSecond, nodePortRange, maglevTableSize, scales);
    }
}
