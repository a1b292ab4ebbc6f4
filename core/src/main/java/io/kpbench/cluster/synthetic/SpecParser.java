package io.kpbench.cluster.synthetic;

import io.kpbench.net.Cidr;
import io.kpbench.net.Ports;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Reads and writes the {@code key=value,...} text of a {@link SyntheticSpec}; every error names its key. */
final class SpecParser {
    /** Every key with its default, in canonical order. */
    private static final String[][] DEFAULTS = {
        {"services", "100"}, {"endpoints", "3"}, {"nodes", "3"}, {"zones", "3"}, {"namespaces", "10"},
        {"types", "ClusterIP:1"}, {"ports", "1"}, {"local", "0"}, {"affinity", "0"}, {"terminating", "0"},
        {"hints", "0"}, {"udp", "0.1"}, {"seed", "1"}, {"serviceCidr", "10.96.0.0/12"},
        {"podCidr", "10.244.0.0/16"}, {"nodeCidr", "172.18.0.0/16"}, {"lbCidr", "auto"},
        {"nodePortRange", "30000-32767"},
    };

    private SpecParser() {
    }

    static SyntheticSpec parse(String text) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String[] kv : DEFAULTS) {
            v.put(kv[0], kv[1]);
        }
        Set<String> given = new HashSet<>();
        if (text != null && !text.isBlank()) {
            String previous = null;
            for (String entry : text.split(",", -1)) {
                int eq = entry.indexOf('=');
                String key = (eq < 0 ? entry : entry.substring(0, eq)).trim();
                if (eq < 0 && "types".equals(previous)) {
                    throw new IllegalArgumentException("types: separate its entries with +, not , (at '"
                            + entry.trim() + "')");
                }
                if (eq < 0) {
                    throw new IllegalArgumentException((key.isEmpty() ? "(empty)" : key)
                            + ": want key=value, got '" + entry.trim() + "'");
                }
                previous = key;
                if (!v.containsKey(key)) {
                    throw new IllegalArgumentException(key + ": unknown key (known: " + String.join(", ", v.keySet())
                            + ")");
                }
                if (!given.add(key)) {
                    throw new IllegalArgumentException(key + ": given twice");
                }
                v.put(key, entry.substring(eq + 1).trim());
            }
        }
        return new SyntheticSpec(
                integer(v, "services"),
                CountDistribution.parse(v.get("endpoints")),
                integer(v, "nodes"),
                given.contains("zones") ? integer(v, "zones") : Math.min(integer(v, "zones"), integer(v, "nodes")),
                integer(v, "namespaces"),
                TypeMix.parse(v.get("types")),
                integer(v, "ports"),
                share(v, "local"),
                share(v, "affinity"),
                share(v, "terminating"),
                share(v, "hints"),
                share(v, "udp"),
                longValue(v, "seed"),
                cidr(v, "serviceCidr"),
                cidr(v, "podCidr"),
                cidr(v, "nodeCidr"),
                v.get("lbCidr").equals("auto") ? null : cidr(v, "lbCidr"),
                portRange(v, "nodePortRange"));
    }

    static String format(SyntheticSpec s) {
        Object[] values = {s.services(), s.endpoints(), s.nodes(), s.zones(), s.namespaces(), s.types(), s.ports(),
            s.local(), s.affinity(), s.terminating(), s.hints(), s.udp(), s.seed(), s.serviceCidr(), s.podCidr(),
            s.nodeCidr(), s.lbCidr() == null ? "auto" : s.lbCidr(), s.nodePortRange()};
        StringJoiner j = new StringJoiner(",");
        for (int i = 0; i < DEFAULTS.length; i++) {
            j.add(DEFAULTS[i][0] + "=" + values[i]);
        }
        return j.toString();
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v.get(key) + "' is not an integer");
        }
    }

    private static long longValue(Map<String, String> v, String key) {
        try {
            return Long.parseLong(v.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v.get(key) + "' is not an integer");
        }
    }

    private static double share(Map<String, String> v, String key) {
        try {
            double d = Double.parseDouble(v.get(key));
            if (!(d >= 0 && d <= 1)) {
                throw new IllegalArgumentException(key + ": must be a share in 0..1, got " + v.get(key));
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v.get(key) + "' is not a number");
        }
    }

    private static Cidr cidr(Map<String, String> v, String key) {
        try {
            return Cidr.parse(v.get(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static Ports.Range portRange(Map<String, String> v, String key) {
        try {
            return Ports.Range.parse(v.get(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }
}
