package io.kpbench.proxy.iptables.netfilter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The kernel side of the iptables model: tables of chains of parsed rules, changed only by
 * {@code iptables-restore --noflush} input (a {@code :CHAIN} line creates or flushes a chain, {@code -A} appends,
 * {@code -X} deletes) and read back by {@link IptablesRenderer}.
 */
public final class NetfilterTables {
    private static final List<String> BUILTIN_ORDER = List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT",
            "POSTROUTING");

    /**
     * One chain: its policy ({@code ACCEPT} for built-in chains, null for user chains) and its rules, either
     * parsed ({@link #rules}) or compiled by a sync into chain {@link #segmentChain} of {@link #segment}.
     */
    public static final class Chain {
        public final String policy;
        List<Rule> rules = List.of();
        public RuleSegment segment;
        int segmentChain = -1;
        /** The chain's index in the ruleset being compiled (set by {@link RulesetLinker}). */
        int index = -1;

        Chain(String policy) {
            this.policy = policy;
        }

        /** The chain's rule lines, regenerated from the segment's source for a compiled chain. */
        public List<String> lines(String name) {
            return segment != null ? ServicePortSource.linesOf(segment.source().text(), name) : texts();
        }

        /** Inserts {@code rule} at {@code index} (allocating the list lazily: most chains are compiled). */
        void add(int index, Rule rule) {
            if (rules.isEmpty()) {
                rules = new ArrayList<>();
            }
            rules.add(index, rule);
        }

        /** The parsed rules' text (for a chain not compiled by a sync). */
        public List<String> texts() {
            List<String> out = new ArrayList<>(rules.size());
            for (Rule r : rules) {
                out.add(r.text());
            }
            return out;
        }
    }

    private final Map<String, Map<String, Chain>> tables = new TreeMap<>();

    /** The chains of {@code table} in declaration order (empty when the table is absent). */
    public Map<String, Chain> table(String table) {
        Map<String, Chain> t = tables.get(table);
        return t == null ? Map.of() : t;
    }

    /** The names of the chains of {@code table}. */
    public Set<String> chainNames(String table) {
        return table(table).keySet();
    }

    /** Applies {@code iptables-restore --noflush} input; throws {@link RuleParseException} on a bad line. */
    public void restore(String text) {
        Map<String, Chain> table = null;
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                table = tables.computeIfAbsent(line.substring(1), k -> new LinkedHashMap<>());
            } else if (table == null) {
                throw new RuleParseException(lineNo, line, "outside of a *table section");
            } else if (line.equals("COMMIT")) {
                table = null;
            } else if (line.startsWith(":")) {
                String[] parts = line.substring(1).split(" ");
                String policy = parts.length > 1 && !parts[1].equals("-") ? parts[1] : null;
                declare(table, parts[0], policy);
            } else if (line.startsWith("-X ")) {
                String chain = line.substring(3).strip();
                if (table.remove(chain) == null) {
                    throw new RuleParseException(lineNo, line, "no chain to delete");
                }
            } else if (line.startsWith("-A ")) {
                Rule rule = RuleParser.parse(line, lineNo);
                Chain c = table.get(rule.chain());
                if (c == null) {
                    throw new RuleParseException(lineNo, line, "chain " + rule.chain() + " is not declared");
                }
                c.add(c.rules.size(), rule);
            } else {
                throw new RuleParseException(lineNo, line, "unknown line");
            }
        }
        if (table != null) {
            throw new RuleParseException(lineNo, "", "missing COMMIT");
        }
    }

    /** Applies a {@code :CHAIN - [0:0]} line of {@code table} (creates the chain, or flushes it) without its text. */
    public void declare(String table, String chain) {
        declare(tables.computeIfAbsent(table, k -> new LinkedHashMap<>()), chain, null);
    }

    private static void declare(Map<String, Chain> table, String chain, String policy) {
        Chain old = table.get(chain);
        table.put(chain, new Chain(old != null ? old.policy : policy));
    }

    /** Makes the chains of {@code seg} (declared and flushed by the restore just applied) hold its rules. */
    public void attach(String table, RuleSegment seg) {
        List<String> names = seg.chains();
        for (int c = 0; c < names.size(); c++) {
            Chain ch = table(table).get(names.get(c));
            if (ch == null || !ch.rules.isEmpty() || ch.segment != null) {
                throw new IllegalStateException("compiled chain " + names.get(c) + " was not freshly declared");
            }
            ch.segment = seg;
            ch.segmentChain = c;
            seg.bind(c, ch);
        }
    }

    /** Creates user chain {@code chain} of {@code table} unless it exists (iptables {@code -N}). */
    void ensureChain(String table, String chain) {
        tables.computeIfAbsent(table, k -> new LinkedHashMap<>()).computeIfAbsent(chain, k -> new Chain(null));
    }

    /** Inserts {@code ruleText} at the top of built-in {@code chain} unless it is there (iptables {@code -C}/{@code -I}). */
    void ensurePrepended(String table, String chain, String ruleText) {
        Map<String, Chain> t = tables.computeIfAbsent(table, k -> new LinkedHashMap<>());
        Chain c = t.computeIfAbsent(chain, k -> new Chain("ACCEPT"));
        for (Rule r : c.rules) {
            if (r.text().equals(ruleText)) {
                return;
            }
        }
        c.add(0, RuleParser.parse(ruleText, 0));
    }

    /** The names of the tables in iptables-save order: filter, nat, then any other. */
    public List<String> tableNames() {
        List<String> names = new ArrayList<>(tables.keySet());
        names.sort((a, b) -> Integer.compare(tableRank(a), tableRank(b)) != 0
                ? Integer.compare(tableRank(a), tableRank(b)) : a.compareTo(b));
        return names;
    }

    /** The chains of {@code table} in iptables-save order: built-in chains in hook order, then by name. */
    public List<String> orderedChains(String table) {
        Map<String, Chain> t = table(table);
        List<String> order = new ArrayList<>();
        for (String b : BUILTIN_ORDER) {
            if (t.containsKey(b) && t.get(b).policy != null) {
                order.add(b);
            }
        }
        List<String> user = new ArrayList<>();
        for (Map.Entry<String, Chain> e : t.entrySet()) {
            if (e.getValue().policy == null) {
                user.add(e.getKey());
            }
        }
        user.sort(null);
        order.addAll(user);
        return order;
    }

    private static int tableRank(String t) {
        return t.equals("filter") ? 0 : t.equals("nat") ? 1 : 2;
    }
}
