package io.kpbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ClusterSummary;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.net.IpFamily;
import io.kpbench.plan.CapacityPlan;
import io.kpbench.plan.PlanOptions;
import io.kpbench.plan.PlanText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a run records of its {@link BenchInput} cluster: run.json's {@code cluster} block (each input file's
 * SHA-256, the services by type, endpoints, nodes, the node, the growth factors, and a one-line
 * {@code headline} the report's first screen shows: {@code prod-eu.yaml: 6,012 services (5,300 ClusterIP,
 * 400 NodePort, 312 LoadBalancer), node ip-10-0-1-5}), and {@code plan.txt} / {@code plan.json}, the
 * {@code kpbench plan} table of the cluster ({@link CapacityPlan}, for 4 cores as the command's default) that the
 * report shows as a section.
 */
final class ClusterRecord {
    private ClusterRecord() {
    }

    /** The {@code cluster} block of run.json. */
    static Map<String, Object> describe(BenchInput in) throws IOException {
        ClusterSnapshot c = in.base();
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> files = new ArrayList<>();
        for (Path f : in.files()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", f.getFileName().toString());
            file.put("path", f.toString());
            file.put("sha256", sha256(f));
            files.add(file);
        }
        m.put("files", files);
        m.put("synthetic", in.synthetic().isEmpty() ? null : in.synthetic());
        m.put("headline", headline(in));
        m.put("services", c.services().size());
        m.put("servicesByType", ClusterSummary.of(c).servicesByType());
        m.put("endpoints", endpoints(c));
        m.put("nodes", c.nodes().size());
        m.put("node", BenchCluster.nodeConfig(c, in.node()).nodeName());
        m.put("scales", in.scales());
        m.put("traffic", in.traffic() == null ? null : in.traffic().name().toLowerCase(Locale.ROOT));
        return m;
    }

    /**
     * {@code prod-eu.yaml: 6,012 services (5,300 ClusterIP, 400 NodePort, 312 LoadBalancer), node ip-10-0-1-5},
     * by type (headless services counted as the ClusterIP services they are), types with no service left out; a
     * synthetic cluster is named by its spec.
     */
    static String headline(BenchInput in) {
        ClusterSnapshot c = in.base();
        List<String> types = new ArrayList<>();
        ClusterSummary.of(c).servicesByType().forEach((type, n) -> {
            if (n > 0 && !type.equals("withoutClusterIP") && !type.equals("headless")) {
                types.add(String.format(Locale.ROOT, "%,d %s", n, type));
            }
        });
        String name = in.files().isEmpty() ? "synthetic " + in.synthetic()
                : String.join(", ", in.files().stream().map(f -> f.getFileName().toString()).toList());
        return String.format(Locale.ROOT, "%s: %,d services%s, node %s", name, c.services().size(),
                types.isEmpty() ? "" : " (" + String.join(", ", types) + ")",
                BenchCluster.nodeConfig(c, in.node()).nodeName());
    }

    /** Writes {@code plan.txt} and {@code plan.json} into {@code dir} (through temporary files and renames). */
    static void writePlan(BenchInput in, Path dir) throws IOException {
        ClusterSnapshot c = in.base();
        TreeSet<Integer> scales = new TreeSet<>(PlanOptions.DEFAULT_SCALES);
        scales.addAll(in.scales());
        PlanOptions o = PlanOptions.defaults();
        o = new PlanOptions(o.cores(), null, o.nodePortRange(), o.maglevTableSize(), List.copyOf(scales));
        CapacityPlan plan = CapacityPlan.of(c, BenchCluster.nodeConfig(c, in.node()), IpFamily.IPv4, o);
        write(dir.resolve("plan.txt"), PlanText.render(plan));
        write(dir.resolve("plan.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(plan.toMap()) + "\n");
    }

    /** The benchmarks' {@code endpoints} value for the cluster: its mean endpoints per service, at least 1. */
    static long meanEndpoints(ClusterSnapshot c) {
        return Math.max(1, Math.round(endpoints(c) / (double) Math.max(1, c.services().size())));
    }

    private static long endpoints(ClusterSnapshot c) {
        long n = 0;
        for (EndpointSlice s : c.slices().values()) {
            n += s.endpoints().size();
        }
        return n;
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String sha256(Path f) throws IOException {
        try (InputStream s = Files.newInputStream(f)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = s.read(buf)) > 0;) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
