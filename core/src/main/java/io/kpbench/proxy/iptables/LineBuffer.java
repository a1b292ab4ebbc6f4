package io.kpbench.proxy.iptables;

/**
 * The lines of one section of iptables-restore input, as kube-proxy's {@code proxyutil.LineBuffer} collects
 * them; a discarding buffer only counts, which is how kube-proxy sizes the chains it skips in a partial sync.
 */
final class LineBuffer {
    private final StringBuilder text;
    private int lines;

    private LineBuffer(boolean keep) {
        this.text = keep ? new StringBuilder(256) : null;
    }

    /** A buffer that keeps its lines. */
    static LineBuffer keeping() {
        return new LineBuffer(true);
    }

    /** A buffer that only counts its lines. */
    static LineBuffer discarding() {
        return new LineBuffer(false);
    }

    /** Appends one line (without its newline). */
    void write(String line) {
        if (text != null) {
            text.append(line).append('\n');
        }
        lines++;
    }

    /** Appends a chain declaration, {@code :CHAIN - [0:0]}. */
    void writeChain(String chain) {
        write(":" + chain + " - [0:0]");
    }

    /** The number of lines written. */
    int lines() {
        return lines;
    }

    /** The kept text, one {@code \n}-terminated line each. */
    String text() {
        return text == null ? "" : text.toString();
    }
}
