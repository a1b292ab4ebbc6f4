package io.kpbench.proxy.iptables.netfilter;

/**
 * A line of iptables-save text this model cannot read: an unknown match, option or target, or a malformed
 * value; the message names the line number and quotes the line.
 */
public final class RuleParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;

    RuleParseException(int line, String text, String reason) {
        super("line " + line + ": " + reason + ": " + text);
        this.line = line;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }
}
