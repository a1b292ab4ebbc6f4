package io.kpbench.proxy.ebpf.maps;

/**
 * A sync needed more entries in a BPF load-balancing map than {@code --bpf-lb-map-max} allows; the previous
 * maps stay in force. The message is the one-line error the CLI prints, e.g.
 * {@code ebpf: service map full: 70000 entries > bpf-lb-map-max 65536}.
 */
public final class LbMapFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String map;
    private final int needed;
    private final int max;

    /** A full {@code map} ("service", "backend") that needed {@code needed} entries of {@code max}. */
    public LbMapFullException(String map, int needed, int max) {
        super("ebpf: " + map + " map full: " + needed + " entries > bpf-lb-map-max " + max);
        this.map = map;
        this.needed = needed;
        this.max = max;
    }

    /** The map that overflowed: {@code service} or {@code backend}. */
    public String map() {
        return map;
    }

    /** The entries the sync needed. */
    public int needed() {
        return needed;
    }

    /** The configured limit. */
    public int max() {
        return max;
    }
}
