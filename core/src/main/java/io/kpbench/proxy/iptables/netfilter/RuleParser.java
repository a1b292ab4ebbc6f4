package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one {@code -A CHAIN ...} line into a {@link Rule}, accepting the matches and targets kube-proxy's
 * iptables mode writes (the grammar of {@code pkg/util/iptables/testing/parse.go}, with real values rather than
 * strings); anything else is a {@link RuleParseException}.
 */
final class RuleParser {
    private final List<String> tok;
    private final int lineNo;
    private final String text;
    private int i;

    private RuleParser(String text, int lineNo, List<String> tok) {
        this.text = text;
        this.lineNo = lineNo;
        this.tok = tok;
    }

    /** Parses {@code text}, line {@code lineNo} of its file. */
    static Rule parse(String text, int lineNo) {
        return new RuleParser(text, lineNo, tokenize(text, lineNo)).rule();
    }

    /** Parses an already tokenized rule (quotes removed); the rule's text is null. */
    static Rule parse(List<String> tokens) {
        return new RuleParser(null, 0, tokens).rule();
    }

    private Rule rule() {
        if (tok.size() < 2 || !tok.get(0).equals("-A")) {
            throw fail("expected -A CHAIN");
        }
        String chain = tok.get(1);
        i = 2;
        List<Match> matches = new ArrayList<>();
        Target target = Target.NONE;
        while (i < tok.size()) {
            boolean neg = false;
            String t = next();
            if (t.equals("!")) {
                neg = true;
                t = next();
            }
            switch (t) {
                case "-m", "--match" -> {
                    String module = next();
                    if (!isKnownModule(module)) {
                        throw fail("unknown match module '" + module + "'");
                    }
                }
                case "-s", "--source", "-d", "--destination" ->
                        matches.add(new Match.Address(t.startsWith("-s") || t.equals("--source"), neg, cidr(next())));
                case "-p", "--protocol" -> {
                    Protocol p = Protocol.parse(next());
                    if (p == null) {
                        throw fail("unknown protocol");
                    }
                    matches.add(new Match.Protocol(neg, p.number()));
                }
                case "--dport", "--destination-port" -> matches.add(port(neg, next()));
                case "--src-type", "--dst-type" -> {
                    if (!next().equals("LOCAL")) {
                        throw fail("only addrtype LOCAL is modelled");
                    }
                    matches.add(new Match.AddrTypeLocal(t.equals("--src-type"), neg));
                }
                case "--mode" -> {
                    if (!next().equals("random")) {
                        throw fail("only statistic --mode random is modelled");
                    }
                }
                case "--probability" -> matches.add(new Match.Statistic(threshold(next())));
                case "--name" -> matches.add(recent(next()));
                case "--mark" -> matches.add(mark(neg, next()));
                case "--ctstate" -> {
                    Integer states = CtState.parse(next());
                    if (states == null) {
                        throw fail("unknown conntrack state");
                    }
                    matches.add(new Match.ConnState(neg, states));
                }
                case "--nfacct-name" -> matches.add(new Match.NfAcct(next()));
                case "--comment" -> matches.add(new Match.Comment(next()));
                case "-j", "--jump" -> target = target(next(), false);
                case "-g", "--goto" -> target = target(next(), true);
                default -> throw fail("unknown option '" + t + "'");
            }
        }
        return new Rule(chain, matches, target, text);
    }

    private static boolean isKnownModule(String m) {
        return switch (m) {
            case "comment", "tcp", "udp", "sctp", "addrtype", "statistic", "recent", "mark", "conntrack", "nfacct" ->
                    true;
            default -> false;
        };
    }

    private Match recent(String name) {
        boolean set = false;
        boolean rcheck = false;
        boolean reap = false;
        int seconds = 0;
        while (i < tok.size()) {
            switch (tok.get(i)) {
                case "--set" -> set = true;
                case "--rcheck" -> rcheck = true;
                case "--reap" -> reap = true;
                case "--seconds" -> {
                    i++;
                    seconds = integer(next());
                    continue;
                }
                default -> {
                    if (set == rcheck) {
                        throw fail("recent needs exactly one of --set or --rcheck");
                    }
                    return new Match.Recent(name, set, seconds, reap);
                }
            }
            i++;
        }
        if (set == rcheck) {
            throw fail("recent needs exactly one of --set or --rcheck");
        }
        return new Match.Recent(name, set, seconds, reap);
    }

    private Target target(String name, boolean isGoto) {
        Target t = switch (name) {
            case "ACCEPT" -> Target.of(Target.Kind.ACCEPT);
            case "DROP" -> Target.of(Target.Kind.DROP);
            case "REJECT" -> Target.of(Target.Kind.REJECT);
            case "RETURN" -> Target.of(Target.Kind.RETURN);
            case "MASQUERADE" -> {
                if (i < tok.size() && tok.get(i).equals("--random-fully")) {
                    i++;
                }
                yield Target.of(Target.Kind.MASQUERADE);
            }
            case "DNAT" -> {
                expect("--to-destination");
                String d = next();
                int colon = d.lastIndexOf(':');
                if (colon <= 0) {
                    throw fail("DNAT needs ip:port");
                }
                String host = d.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                IpAddress ip = IpAddress.tryParse(host);
                if (ip == null) {
                    throw fail("bad DNAT address");
                }
                yield new Target(Target.Kind.DNAT, null, ip, integer(d.substring(colon + 1)), 0);
            }
            case "MARK" -> {
                String op = next();
                Target.Kind k = switch (op) {
                    case "--or-mark" -> Target.Kind.MARK_OR;
                    case "--xor-mark" -> Target.Kind.MARK_XOR;
                    case "--set-mark", "--set-xmark" -> Target.Kind.MARK_SET;
                    default -> throw fail("unknown MARK option '" + op + "'");
                };
                yield new Target(k, null, null, 0, markValue(next().split("/")[0]));
            }
            default -> {
                if (name.isEmpty() || name.startsWith("-") || !name.equals(name.toUpperCase(java.util.Locale.ROOT))) {
                    throw fail("unknown target '" + name + "'");
                }
                yield new Target(isGoto ? Target.Kind.GOTO : Target.Kind.JUMP, name, null, 0, 0);
            }
        };
        if (isGoto && t.kind() != Target.Kind.GOTO) {
            throw fail("-g needs a chain");
        }
        return t;
    }

    private Cidr cidr(String s) {
        try {
            return s.indexOf('/') >= 0 ? Cidr.parse(s) : Cidr.host(IpAddress.parse(s));
        } catch (IllegalArgumentException e) {
            throw fail("bad address '" + s + "'");
        }
    }

    private Match port(boolean neg, String s) {
        int colon = s.indexOf(':');
        int lo = integer(colon < 0 ? s : s.substring(0, colon));
        int hi = colon < 0 ? lo : integer(s.substring(colon + 1));
        return new Match.DestPort(neg, lo, hi);
    }

    private long threshold(String s) {
        try {
            double p = Double.parseDouble(s);
            if (!(p >= 0 && p <= 1)) {
                throw fail("probability out of range");
            }
            return Math.round(p * 0x8000_0000L);
        } catch (NumberFormatException e) {
            throw fail("bad probability");
        }
    }

    private Match mark(boolean neg, String s) {
        String[] parts = s.split("/");
        int value = markValue(parts[0]);
        int mask = parts.length > 1 ? markValue(parts[1]) : -1;
        return new Match.Mark(neg, value, mask);
    }

    private int markValue(String s) {
        try {
            return s.startsWith("0x") ? (int) Long.parseLong(s.substring(2), 16) : (int) Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw fail("bad mark '" + s + "'");
        }
    }

    private int integer(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw fail("bad number '" + s + "'");
        }
    }

    private void expect(String s) {
        if (!next().equals(s)) {
            throw fail("expected " + s);
        }
    }

    private String next() {
        if (i >= tok.size()) {
            throw fail("unexpected end of rule");
        }
        return tok.get(i++);
    }

    private RuleParseException fail(String reason) {
        return new RuleParseException(lineNo, text != null ? text : String.join(" ", tok), reason);
    }

    /** Splits on spaces, keeping double-quoted strings (without their quotes) as one token. */
    static List<String> tokenize(String s, int lineNo) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int k = 0;
        while (k < n) {
            char c = s.charAt(k);
            if (c == ' ' || c == '\t') {
                k++;
            } else if (c == '"') {
                int end = s.indexOf('"', k + 1);
                if (end < 0) {
                    throw new RuleParseException(lineNo, s, "unterminated quote");
                }
                out.add(s.substring(k + 1, end));
                k = end + 1;
            } else {
                int end = k;
                while (end < n && s.charAt(end) != ' ' && s.charAt(end) != '\t') {
                    end++;
                }
                out.add(s.substring(k, end));
                k = end;
            }
        }
        return out;
    }
}
