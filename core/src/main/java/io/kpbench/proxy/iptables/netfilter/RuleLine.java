package io.kpbench.proxy.iptables.netfilter;

import java.util.Arrays;
import java.util.List;

/**
 * A builder for one {@code -A CHAIN ...} line, held as its argument tokens: {@link #toString()} joins them with
 * spaces as kube-proxy joins them, double-quoting a token that holds a space (a comment, as kube-proxy's
 * {@code fmt.Sprintf(`"%s ..."`)} does), and {@link #tokens()} hands the same tokens, unquoted, to the parser
 * without building the text.
 */
final class RuleLine {
    private String[] tok = new String[16];
    private int n;

    private RuleLine(String chain) {
        tok[0] = "-A";
        tok[1] = chain;
        n = 2;
    }

    /** Starts a rule of {@code chain}. */
    static RuleLine append(String chain) {
        return new RuleLine(chain);
    }

    /** Appends raw arguments, one token each. */
    RuleLine a(String... args) {
        if (n + args.length > tok.length) {
            tok = Arrays.copyOf(tok, Math.max(tok.length * 2, n + args.length));
        }
        for (String s : args) {
            tok[n++] = s;
        }
        return this;
    }

    /** Appends {@code -m comment --comment <text>}; the text is quoted when it holds a space. */
    RuleLine comment(String text) {
        return a("-m", "comment", "--comment", text);
    }

    /** Appends {@code -m <proto> -p <proto>}. */
    RuleLine proto(String protocol) {
        return a("-m", protocol, "-p", protocol);
    }

    /** Appends {@code -j <target>}. */
    RuleLine jump(String target) {
        return a("-j", target);
    }

    /** The chain the rule is appended to. */
    String chain() {
        return tok[1];
    }

    /** The tokens, as {@link RuleParser#tokenize} would split {@link #toString()}. */
    List<String> tokens() {
        return Arrays.asList(tok).subList(0, n);
    }

    /** Quotes {@code s} when it holds a space, as iptables-save does. */
    static String quote(String s) {
        return s.indexOf(' ') >= 0 ? '"' + s + '"' : s;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(160);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(quote(tok[i]));
        }
        return sb.toString();
    }
}
