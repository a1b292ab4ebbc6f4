package io.kpbench.proxy.iptables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kube-proxy's {@code sortIPTablesRules} (pkg/proxy/iptables/proxier_test.go): tables by name; chains
 * KUBE-NODEPORTS, KUBE-SERVICES, other KUBE-* by name, then the rest by name; rules of KUBE-NODEPORTS and
 * KUBE-SERVICES stably sorted by the service named in their comment (the nodeports jump stays last).
 */
final class IptablesCanonical {
    private IptablesCanonical() {
    }

    static String sort(String dump) {
        Map<String, Map<String, List<String>>> tables = new TreeMap<>();
        Map<String, List<String>> cur = null;
        for (String line : dump.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("*")) {
                cur = tables.computeIfAbsent(line.substring(1), k -> new LinkedHashMap<>());
            } else if (line.startsWith(":")) {
                cur.computeIfAbsent(line.substring(1).split(" ")[0], k -> new ArrayList<>());
            } else if (line.startsWith("-A ")) {
                cur.get(line.split(" ")[1]).add(line);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Map<String, List<String>>> t : tables.entrySet()) {
            sb.append('*').append(t.getKey()).append('\n');
            List<String> chains = new ArrayList<>(t.getValue().keySet());
            chains.sort(Comparator.comparingInt(IptablesCanonical::rank).thenComparing(Comparator.naturalOrder()));
            for (String c : chains) {
                sb.append(':').append(c).append(" - [0:0]\n");
            }
            for (String c : chains) {
                List<String> rules = new ArrayList<>(t.getValue().get(c));
                if (c.equals("KUBE-NODEPORTS") || c.equals("KUBE-SERVICES")) {
                    rules.sort(Comparator.comparing(IptablesCanonical::serviceKey));
                }
                for (String r : rules) {
                    sb.append(r).append('\n');
                }
            }
            sb.append("COMMIT\n");
        }
        return sb.toString();
    }

    private static int rank(String chain) {
        return chain.equals("KUBE-NODEPORTS") ? 0 : chain.equals("KUBE-SERVICES") ? 1
                : chain.startsWith("KUBE-") ? 2 : 3;
    }

    private static String serviceKey(String rule) {
        int i = rule.indexOf("--comment ");
        if (i < 0) {
            return "";
        }
        String c = rule.substring(i + 10);
        c = c.startsWith("\"") ? c.substring(1) : c;
        if (c.startsWith("kubernetes service nodeports")) {
            return "\uffff";
        }
        int end = 0;
        while (end < c.length() && c.charAt(end) != ' ' && c.charAt(end) != ':' && c.charAt(end) != '"') {
            end++;
        }
        return c.substring(0, end);
    }
}
