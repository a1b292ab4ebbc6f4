package io.kpbench.proxy.iptables.netfilter;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of one section of iptables-restore input, as kube-proxy's {@code proxyutil.LineBuffer} collects
 * them; a discarding buffer only counts, which is how kube-proxy sizes the chains it skips in a partial sync,
 * a compiling buffer counts and encodes each rule into the current {@link RuleSegment} without its text, and a
 * declaring buffer counts chain declarations and keeps their names.
 */
public final class LineBuffer {
    private final StringBuilder text;
    private final boolean compiling;
    private final List<String> declared;
    private RuleSegment segment;
    private int lines;

    private LineBuffer(boolean keep, boolean compiling, boolean declaring) {
        this.text = keep ? new StringBuilder(256) : null;
        this.compiling = compiling;
        this.declared = declaring ? new ArrayList<>() : null;
    }

    /** A buffer that keeps its lines. */
    static LineBuffer keeping() {
        return new LineBuffer(true, false, false);
    }

    /** A buffer that only counts its lines. */
    static LineBuffer discarding() {
        return new LineBuffer(false, false, false);
    }

    /** A buffer that counts its rules and encodes them into the segment set by {@link #into}. */
    static LineBuffer compiling() {
        return new LineBuffer(false, true, false);
    }

    /** A buffer that counts its chain declarations and keeps only their names ({@link #declared()}). */
    static LineBuffer declaring() {
        return new LineBuffer(false, false, true);
    }

    /** Directs the rules of a compiling buffer to {@code seg}. */
    void into(RuleSegment seg) {
        this.segment = seg;
    }

    /** Appends one line (without its newline). */
    void write(String line) {
        if (compiling) {
            segment.add(RuleParser.parse(line, 0));
        } else if (text != null) {
            text.append(line).append('\n');
        }
        lines++;
    }

    /** Appends one rule: its text, or in a compiling buffer its encoding, built from its tokens. */
    void write(RuleLine line) {
        if (compiling) {
            segment.add(RuleParser.parse(line.tokens()));
            lines++;
        } else if (text != null) {
            write(line.toString());
        } else {
            lines++;
        }
    }

    /** Appends a chain declaration, {@code :CHAIN - [0:0]}. */
    void writeChain(String chain) {
        if (declared != null) {
            declared.add(chain);
            lines++;
        } else {
            write(":" + chain + " - [0:0]");
        }
    }

    /** The chains a declaring buffer was given, in order (empty for other buffers). */
    public List<String> declared() {
        return declared == null ? List.of() : declared;
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
