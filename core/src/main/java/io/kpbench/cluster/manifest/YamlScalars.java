package io.kpbench.cluster.manifest;

/**
 * Writes a string as a YAML scalar that every loader reads back as that same string: plain when it cannot be
 * mistaken for anything else, double-quoted with escapes otherwise.
 *
 * <p>Plain is kept to a conservative shape: a letter followed by letters, digits and {@code - _ . /}, and not a
 * YAML 1.1 boolean or null in any case ({@code y, n, yes, no, on, off, true, false, null}, which SnakeYAML and
 * the go-yaml v2 behind kubectl resolve); or a dotted quad, with an optional {@code /len}, which no YAML number
 * pattern matches. Everything else, including numbers-as-strings, {@code 1.5}, {@code :}, {@code #}, spaces, a
 * leading {@code -} or {@code *} and the empty string, is double-quoted, with {@code \"}, {@code \\} and
 * {@code \}{@code uXXXX} for every character outside YAML's printable set and the line separators.
 */
final class YamlScalars {
    private static final String[] RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"};
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private YamlScalars() {
    }

    /** Appends {@code s} as a plain or double-quoted scalar. */
    static void append(StringBuilder sb, String s) {
        if (plain(s)) {
            sb.append(s);
        } else {
            appendQuoted(sb, s);
        }
    }

    /** {@code s} as a scalar (for tests and one-off use). */
    static String scalar(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        append(sb, s);
        return sb.toString();
    }

    /** True when {@code s} can be written plain and still reads back as the string {@code s}. */
    static boolean plain(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        char c0 = s.charAt(0);
        if (c0 >= '0' && c0 <= '9') {
            return dottedQuad(s);
        }
        if (!letter(c0)) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!letter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != '.' && c != '/') {
                return false;
            }
        }
        if (n <= 5) {
            for (String r : RESERVED) {
                if (r.equalsIgnoreCase(s)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True for {@code d.d.d.d} or {@code d.d.d.d/d} with one to three digits a part (the CIDR length too). */
    private static boolean dottedQuad(String s) {
        int parts = 0;
        int digits = 0;
        boolean slash = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if ((c == '.' && !slash || c == '/' && !slash && parts == 3) && digits > 0) {
                slash = c == '/';
                parts++;
                digits = 0;
            } else {
                return false;
            }
        }
        return digits > 0 && (parts == 3 || parts == 4 && slash);
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Appends {@code s} double-quoted, escaping quotes, backslashes and non-printable characters. */
    static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (printable(c, s, i)) {
                sb.append(c);
            } else {
                sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                        .append(HEX[c & 0xF]);
            }
        }
        sb.append('"');
    }

    /**
     * True for a character YAML allows unescaped inside double quotes and that no loader folds: printable ASCII,
     * and non-ASCII printable characters other than NEL, the line and paragraph separators and the BOM. A
     * surrogate is printable only as half of a well-formed pair.
     */
    private static boolean printable(char c, String s, int i) {
        if (c >= 0x20 && c <= 0x7E) {
            return true;
        }
        if (c < 0xA0 || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c >= 0xFFFE) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
        return true;
    }
}
