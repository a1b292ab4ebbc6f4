package io.kpbench.reports.chart;

import io.kpbench.proxy.ProxyMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one colour table of every chart: each {@link ProxyMode} has a fixed colour (iptables is always red,
 * nftables always blue), and the baselines and load-balancing mechanisms have their own fixed colours, so a
 * colour means the same thing in every chart, PNG and HTML alike.
 */
public final class Palette {
    private static final Map<ProxyMode, String> MODES = new EnumMap<>(ProxyMode.class);
    private static final Map<String, String> OTHERS = Map.ofEntries(
            Map.entry("KPBENCH", "#1b9e77"),
            Map.entry("HASHMAP", "#7f7f7f"),
            Map.entry("CONCURRENT_HASH_MAP", "#7f7f7f"),
            Map.entry("AGRONA", "#d95f02"),
            Map.entry("JCTOOLS", "#7570b3"),
            Map.entry("MAGLEV", "#1b9e77"),
            Map.entry("MODULO", "#e7298a"),
            Map.entry("RANDOM", "#66a61e"),
            Map.entry("ROUND_ROBIN", "#e6ab02"),
            Map.entry("RING", "#a6761d"),
            Map.entry("OPTIMAL", "#000000"));
    private static final List<String> SPARE = List.of("#17becf", "#bcbd22", "#8c564b", "#e377c2", "#393b79",
            "#637939", "#8c6d31", "#843c39");

    static {
        MODES.put(ProxyMode.IPTABLES, "#d62728");
        MODES.put(ProxyMode.NFTABLES, "#1f77b4");
        MODES.put(ProxyMode.IPVS, "#2ca02c");
        MODES.put(ProxyMode.EBPF, "#9467bd");
        MODES.put(ProxyMode.USERSPACE, "#ff7f0e");
    }

    private Palette() {
    }

    /** The colour of a proxy mode. */
    public static String of(ProxyMode mode) {
        return MODES.get(mode);
    }

    /**
     * The colour of a series key: a proxy mode name (any case), a baseline implementation or a mechanism
     * ({@code maglev}, {@code modulo}); any other key gets a stable colour from its hash.
     */
    public static String of(String key) {
        String k = key.toUpperCase(Locale.ROOT).replace('-', '_');
        for (ProxyMode m : ProxyMode.values()) {
            if (m.name().equals(k)) {
                return MODES.get(m);
            }
        }
        for (Map.Entry<String, String> e : OTHERS.entrySet()) {
            String c = e.getKey();
            if (k.startsWith(c) && (k.length() == c.length() || !Character.isLetterOrDigit(k.charAt(c.length())))) {
                return e.getValue();
            }
        }
        return SPARE.get(Math.floorMod(k.hashCode(), SPARE.size()));
    }

    /** {@code #rrggbb} as an AWT colour. */
    public static java.awt.Color awt(String hex) {
        return new java.awt.Color(Integer.parseInt(hex.substring(1), 16));
    }
}
