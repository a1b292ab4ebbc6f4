package io.kpbench.proxy.iptables;

/**
 * A builder for one {@code -A CHAIN ...} line, with arguments joined by spaces as kube-proxy joins them; a
 * comment that holds a space is double-quoted, as kube-proxy's {@code fmt.Sprintf(`"%s ..."`)} does.
 */
final class RuleLine {
    private final StringBuilder sb = new StringBuilder(160);

    private RuleLine(String chain) {
        sb.append("-A ").append(chain);
    }

    /** Starts a rule of {@code chain}. */
    static RuleLine append(String chain) {
        return new RuleLine(chain);
    }

    /** Appends raw arguments. */
    RuleLine a(String... args) {
        for (String s : args) {
            sb.append(' ').append(s);
        }
        return this;
    }

    /** Appends {@code -m comment --comment <text>}, quoting text with spaces. */
    RuleLine comment(String text) {
        return a("-m", "comment", "--comment", quote(text));
    }

    /** Appends {@code -m <proto> -p <proto>}. */
    RuleLine proto(String protocol) {
        return a("-m", protocol, "-p", protocol);
    }

    /** Appends {@code -j <target>}. */
    RuleLine jump(String target) {
        return a("-j", target);
    }

    /** Quotes {@code s} when it holds a space, as iptables-save does. */
    static String quote(String s) {
        return s.indexOf(' ') >= 0 ? '"' + s + '"' : s;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
