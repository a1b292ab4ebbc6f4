package io.kpbench.bench;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.growth.ClusterGrowth;
import io.kpbench.cluster.manifest.LoadOptions;
import io.kpbench.cluster.manifest.ManifestLoader;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.common.UserError;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster the services-sweeping benchmarks run on, from {@code -Dbench.cluster=FILE[,FILE...]} (any input
 * {@link ManifestLoader} accepts, e.g. {@code kubectl get svc,endpointslices,nodes -A -o yaml}) or
 * {@code -Dbench.synthetic=SPEC} ({@link SyntheticSpec}), grown ×N by {@link ClusterGrowth} for each
 * {@code -Dbench.scale} factor, with the proxier's node ({@code -Dbench.node}, default the first by name), the
 * synthetic fixture's node count ({@code -Dbench.nodes}) and the traffic of the fixed-mix benchmarks
 * ({@code -Dbench.traffic}). The driver checks it before any fork starts ({@link #check}); every JVM it starts
 * gets the same properties ({@link #jvmArgs}) and reads them again ({@link #current}).
 *
 * @param files the manifest files, absolute; empty when none
 * @param synthetic the synthetic spec text, or empty
 * @param node the node's name, or empty for the first by name
 * @param scales the growth factors, ascending, from 1
 * @param nodes the synthetic fixture's node count, or 0 for its default
 * @param traffic the traffic of the benchmarks without a {@code traffic} parameter, or null for uniform
 */
record BenchInput(List<Path> files, String synthetic, String node, List<Integer> scales, int nodes, Traffic traffic) {
    /** The largest growth factor accepted. */
    static final int MAX_SCALE = 1000;
    /** The properties, in {@link #jvmArgs} order. */
    static final List<String> PROPERTIES = List.of("bench.cluster", "bench.synthetic", "bench.node", "bench.scale",
            "bench.nodes", "bench.traffic");

    private static BenchInput current;
    private static BenchInput loaded;
    private static ClusterSnapshot base;
    private static int grownFactor;
    private static ClusterSnapshot grown;

    /** Copies the lists. */
    BenchInput {
        files = List.copyOf(files);
        scales = List.copyOf(scales);
    }

    /** This JVM's input, read once from its system properties. */
    static synchronized BenchInput current() {
        if (current == null) {
            current = fromSystemProperties();
        }
        return current;
    }

    /** Makes {@code in} this JVM's input (the driver's, once checked); returns it. */
    static synchronized BenchInput use(BenchInput in) {
        current = in;
        return in;
    }

    /** Reads the {@code -Dbench.*} cluster properties; throws {@link IllegalArgumentException} with one line. */
    static BenchInput fromSystemProperties() {
        List<Path> files = new ArrayList<>();
        String basedir = BenchSettings.prop("bench.basedir", "");
        for (String f : BenchSettings.prop("bench.cluster", "").split("\\s*,\\s*")) {
            if (!f.isEmpty()) {
                files.add(resolve(f, basedir));
            }
        }
        String synthetic = synthetic(BenchSettings.prop("bench.synthetic", ""));
        if (!files.isEmpty() && !synthetic.isEmpty()) {
            throw new IllegalArgumentException("give either -Dbench.cluster or -Dbench.synthetic, not both");
        }
        List<Integer> scales = new ArrayList<>(List.of(1));
        for (String t : BenchSettings.prop("bench.scale", "1").split("\\s*,\\s*")) {
            int f = positive("bench.scale", t, MAX_SCALE);
            if (!scales.contains(f)) {
                scales.add(f);
            }
        }
        scales.sort(null);
        String nodesText = BenchSettings.prop("bench.nodes", "");
        int nodes = nodesText.isEmpty() ? 0 : positive("bench.nodes", nodesText, 5000);
        if (nodes != 0 && !files.isEmpty()) {
            throw new IllegalArgumentException("-Dbench.nodes: a -Dbench.cluster dump keeps its own nodes (it sets the "
                    + "synthetic clusters' node count)");
        }
        if (nodes != 0 && !synthetic.isEmpty()) {
            if (("," + synthetic).contains(",nodes=")) {
                throw new IllegalArgumentException("-Dbench.nodes: give the node count once, not also in "
                        + "-Dbench.synthetic");
            }
            synthetic = checkedSpec(synthetic + ",nodes=" + nodes);
        }
        String trafficText = BenchSettings.prop("bench.traffic", "");
        Traffic traffic = null;
        if (!trafficText.isEmpty()) {
            try {
                traffic = Traffic.valueOf(trafficText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-Dbench.traffic=" + trafficText + ": unknown (valid: uniform, zipf)");
            }
        }
        return new BenchInput(files, synthetic, BenchSettings.prop("bench.node", ""), scales, nodes, traffic);
    }

    /**
     * The spec of {@code -Dbench.synthetic}, checked, its {@code types} entries joined with {@code +} as the
     * generator wants, and decimal shares as whole weights per mille ({@code types=ClusterIP:0.8,NodePort:0.1}
     * is {@code types=ClusterIP:800+NodePort:100}).
     */
    static String synthetic(String text) {
        if (text.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        boolean inTypes = false;
        for (String entry : text.split(",", -1)) {
            boolean typeEntry = inTypes && entry.indexOf('=') < 0 && !entry.isBlank();
            boolean typesKey = entry.trim().startsWith("types=");
            inTypes = typeEntry || typesKey;
            String e = entry.trim();
            if (typesKey) {
                StringBuilder types = new StringBuilder("types=");
                for (String t : e.substring("types=".length()).split("\\+", -1)) {
                    types.append(types.length() == 6 ? "" : "+").append(perMille(t));
                }
                e = types.toString();
            }
            sb.append(sb.length() == 0 ? "" : typeEntry ? "+" : ",").append(typeEntry ? perMille(e) : e);
        }
        return checkedSpec(sb.toString());
    }

    /** {@code NodePort:0.1} as the generator's whole weight {@code NodePort:100}; other entries as they are. */
    private static String perMille(String typeEntry) {
        int colon = typeEntry.lastIndexOf(':');
        String w = colon < 0 ? "" : typeEntry.substring(colon + 1).trim();
        if (!w.matches("\\d*\\.\\d+")) {
            return typeEntry;
        }
        return typeEntry.substring(0, colon) + ":" + Math.round(Double.parseDouble(w) * 1000);
    }

    private static String checkedSpec(String spec) {
        try {
            SyntheticSpec.parse(spec);
            return spec;
        } catch (UserError | IllegalArgumentException e) {
            throw new IllegalArgumentException("-Dbench.synthetic: " + e.getMessage());
        }
    }

    /** True when a cluster was given ({@code -Dbench.cluster} or {@code -Dbench.synthetic}). */
    boolean given() {
        return !files.isEmpty() || !synthetic.isEmpty();
    }

    /** The traffic of the benchmarks without a {@code traffic} parameter: {@code -Dbench.traffic}, else uniform. */
    Traffic trafficOrUniform() {
        return traffic == null ? Traffic.UNIFORM : traffic;
    }

    /** The synthetic fixture's node count: {@code -Dbench.nodes}, else {@code fallback}. */
    int nodesOr(int fallback) {
        return nodes == 0 ? fallback : nodes;
    }

    /**
     * Loads the cluster and grows it to the largest factor, so that a bad file or a factor past the node-port
     * range fails here, with the loader's (or the growth's) one line, as an {@link IllegalArgumentException}.
     */
    void check() {
        if (!given()) {
            return;
        }
        BenchCluster.nodeConfig(at(1), node);
        at(scales.get(scales.size() - 1));
    }

    /** The given cluster (×1), loaded once per JVM; a user error is rethrown as one line. */
    ClusterSnapshot base() {
        synchronized (BenchInput.class) {
            return loadBase();
        }
    }

    private ClusterSnapshot loadBase() {
        if (!equals(loaded)) {
            loaded = null;
            grownFactor = 0;
            grown = null;
            try {
                if (files.isEmpty()) {
                    base = SyntheticCluster.generate(SyntheticSpec.parse(synthetic));
                } else {
                    List<String> names = files.stream().map(Path::toString).toList();
                    base = ManifestLoader.load(names, InputStream.nullInputStream(), LoadOptions.defaults())
                            .snapshot();
                }
            } catch (UserError e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            loaded = this;
        }
        return base;
    }

    /** The given cluster grown ×{@code factor} (the last one grown is kept); a refused growth is one line. */
    ClusterSnapshot at(int factor) {
        synchronized (BenchInput.class) {
            ClusterSnapshot b = loadBase();
            if (factor == 1) {
                return b;
            }
            if (grownFactor != factor) {
                try {
                    grown = ClusterGrowth.scale(b, factor);
                } catch (UserError e) {
                    throw new IllegalArgumentException("-Dbench.scale=" + factor + ": " + e.getMessage());
                }
                grownFactor = factor;
            }
            return grown;
        }
    }

    /** The growth factor whose cluster has {@code services} services, or 0 when none has. */
    int factorOf(int services) {
        int n = base().services().size();
        for (int f : scales) {
            if ((long) n * f == services) {
                return f;
            }
        }
        return 0;
    }

    /**
     * The benchmark parameters this input sets, over the profile's and {@code -Dbench.params}: {@code traffic}
     * with {@code -Dbench.traffic}; with a cluster, {@code services} = its service count × each factor (what
     * {@link BenchCluster#clusterIp} maps back to the cluster), {@code endpoints} = its mean per service (one
     * value: the cluster has its own), and {@code path} = the {@link ServicePath}s it has frontends for.
     */
    Map<String, List<String>> params() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (traffic != null) {
            m.put("traffic", List.of(traffic.name()));
        }
        if (!given()) {
            return m;
        }
        ClusterSnapshot c = base();
        m.put("services", scales.stream().map(f -> String.valueOf((long) c.services().size() * f)).toList());
        m.put("endpoints", List.of(String.valueOf(ClusterRecord.meanEndpoints(c))));
        List<String> paths = new ArrayList<>();
        for (ServicePath p : ServicePath.values()) {
            try {
                ClusterTargets.of(c, BenchCluster.nodeConfig(c, node), p);
                paths.add(p.name());
            } catch (IllegalArgumentException e) {
                // the cluster has no frontend of this path: not swept
            }
        }
        m.put("path", paths);
        return m;
    }

    /** The {@code -D} arguments that give a child JVM this input (empty when nothing was set). */
    List<String> jvmArgs() {
        List<String> out = new ArrayList<>();
        if (!files.isEmpty()) {
            out.add("-Dbench.cluster=" + String.join(",", files.stream().map(Path::toString).toList()));
        }
        add(out, "bench.synthetic", synthetic);
        add(out, "bench.node", node);
        if (scales.size() > 1) {
            add(out, "bench.scale", String.join(",", scales.stream().map(String::valueOf).toList()));
        }
        add(out, "bench.nodes", nodes == 0 ? "" : String.valueOf(nodes));
        add(out, "bench.traffic", traffic == null ? "" : traffic.name().toLowerCase(Locale.ROOT));
        return out;
    }

    /**
     * {@code file}, absolute: as given when it is absolute or exists here, else from {@code basedir} (the project
     * root, which {@code mvn verify -Pbench} passes as {@code -Dbench.basedir}: its exec runs in benchmarks/).
     */
    static Path resolve(String file, String basedir) {
        Path p = Path.of(file);
        if (p.isAbsolute() || java.nio.file.Files.exists(p) || basedir.isEmpty()) {
            return p.toAbsolutePath();
        }
        return Path.of(basedir).resolve(p).toAbsolutePath();
    }

    private static void add(List<String> out, String name, String value) {
        if (!value.isEmpty()) {
            out.add("-D" + name + "=" + value);
        }
    }

    private static int positive(String name, String text, int max) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + name + ": '" + text + "' is not a whole number from 1 to " + max);
    }
}
