package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's {@code -Dbench.cluster} options: parsing, the fail-fast check, and the parameters they set. */
class BenchInputTest {
    static final String EKS = "../scenarios/kubectl-get-eks.yaml";

    @AfterEach
    void clear() {
        for (String p : BenchInput.PROPERTIES) {
            System.clearProperty(p);
        }
        System.clearProperty("bench.basedir");
        BenchInput.use(BenchInput.fromSystemProperties());
    }

    /** Runs the driver's option check with {@code props}; returns its stderr, or null when it passed. */
    private static String driverCheck(String... props) {
        for (int i = 0; i < props.length; i += 2) {
            System.setProperty(props[i], props[i + 1]);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchSettings s = BenchMain.settings(new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(s == null, !text.isEmpty(), "a refusal, and only a refusal, prints a line: " + text);
        return s == null ? text : null;
    }

    private static void assertOneLine(String err, String... parts) {
        assertNotNull(err, "the driver refused nothing");
        assertTrue(err.startsWith("kpbench bench: "), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        for (String p : parts) {
            assertTrue(err.contains(p), "'" + p + "' missing from: " + err);
        }
    }

    @Test
    void aMissingClusterFileIsRefusedInOneLineBeforeAnyFork() {
        assertOneLine(driverCheck("bench.cluster", "/nonexistent/prod-eu.yaml"), "prod-eu.yaml");
    }

    @Test
    void aMalformedClusterFileIsRefusedWithTheLoadersLine(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: List\nitems:\n- kind: Service\n"
                + "  metadata: {name: web}\n  spec: {ports: [{port: 99999}]}\n");
        assertOneLine(driverCheck("bench.cluster", bad.toString()), "bad.yaml");
    }

    @Test
    void aScaleThatExhaustsTheNodePortRangeIsRefusedInOneLine() {
        String err = driverCheck("bench.synthetic", "services=2000,endpoints=1,nodes=3,types=NodePort",
                "bench.scale", "1,2");
        assertOneLine(err, "-Dbench.scale=2", "node-port range", "2768");
    }

    @Test
    void badOptionsAreRefusedInOneLine() {
        assertOneLine(driverCheck("bench.scale", "1,zero"), "-Dbench.scale");
        clear();
        assertOneLine(driverCheck("bench.traffic", "pareto"), "uniform, zipf");
        clear();
        assertOneLine(driverCheck("bench.cluster", EKS, "bench.synthetic", "services=10"), "not both");
        clear();
        assertOneLine(driverCheck("bench.cluster", EKS, "bench.node", "no-such-node"), "no-such-node");
        clear();
        assertOneLine(driverCheck("bench.synthetic", "services=10,colour=red"), "colour");
    }

    @Test
    void aGoodDumpPassesAndItsScalesBecomeTheServicesSwept() {
        assertNull(driverCheck("bench.cluster", EKS, "bench.scale", "5,2"));
        BenchInput in = BenchInput.current();
        int n = in.base().services().size();
        assertEquals(List.of(1, 2, 5), in.scales());
        Map<String, List<String>> params = in.params();
        assertEquals(List.of(String.valueOf(n), String.valueOf(2 * n), String.valueOf(5 * n)), params.get("services"));
        assertEquals(1, params.get("endpoints").size());
        assertEquals(5 * n, BenchCluster.clusterIp(5 * n, 10).snapshot().services().size());
        assertEquals(5, in.factorOf(5 * n));
        assertEquals(0, in.factorOf(3 * n), "a count that is no factor of the cluster is not the cluster");
    }

    @Test
    void aRelativeDumpIsFoundFromTheProjectRoot() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertEquals(root.resolve("scenarios/kubectl-get-eks.yaml"),
                BenchInput.resolve("scenarios/kubectl-get-eks.yaml", root.toString()).normalize());
    }

    @Test
    void theSyntheticSpecTakesCommaSeparatedTypesAndTheNodeCount() {
        System.setProperty("bench.nodes", "7");
        System.setProperty("bench.synthetic", "services=40,types=ClusterIP:0.8,NodePort:0.1,LoadBalancer:0.1");
        BenchInput in = BenchInput.fromSystemProperties();
        assertEquals("services=40,types=ClusterIP:800+NodePort:100+LoadBalancer:100,nodes=7", in.synthetic());
        assertEquals(7, in.base().nodes().size());
        assertEquals(List.of("clusterIP", "nodePort", "loadBalancer"), in.params().get("path"));
    }

    @Test
    void theTrafficOptionSetsTheTrafficParameterAndTheForksGetEveryOption() {
        System.setProperty("bench.traffic", "zipf");
        System.setProperty("bench.cluster", EKS);
        System.setProperty("bench.scale", "2");
        BenchInput in = BenchInput.fromSystemProperties();
        assertEquals(Traffic.ZIPF, in.trafficOrUniform());
        assertEquals(List.of("ZIPF"), in.params().get("traffic"));
        List<String> args = in.jvmArgs();
        assertTrue(args.contains("-Dbench.traffic=zipf"), args.toString());
        assertTrue(args.contains("-Dbench.scale=1,2"), args.toString());
        assertTrue(args.stream().anyMatch(a -> a.startsWith("-Dbench.cluster=/")), args.toString());
    }

    @Test
    void withoutAClusterNothingChanges() {
        BenchInput in = BenchInput.fromSystemProperties();
        assertFalse(in.given());
        assertTrue(in.params().isEmpty());
        assertTrue(in.jvmArgs().isEmpty());
        assertEquals(100, BenchCluster.clusterIp(100, 1).snapshot().services().size());
        assertThrows(IllegalArgumentException.class, () -> BenchInput.resolve("\0", ""));
    }

    @Test
    void aPassThatTheClusterMakesARepeatOfAnEarlierOneIsSkipped() {
        BenchSettings quick = new BenchSettings(BenchProfile.QUICK, ".*", Map.of(), "none", Path.of("results"), "");
        List<BenchPass> passes = quick.profile().passes();
        List<Integer> sweep = new java.util.ArrayList<>();
        for (int i = 0; i < passes.size(); i++) {
            if (passes.get(i).include().equals(ProfilePasses.SWEEP_INDEPENDENT)) {
                sweep.add(i);
            }
        }
        assertEquals(3, sweep.size(), "the quick sweep: 100 and 1k services to ClusterIPs, 1k through the outside "
                + "paths, then 100k for the hash modes");
        assertFalse(BenchMain.repeats(quick, passes, sweep.get(1)), "without a cluster every pass runs");
        assertFalse(BenchMain.repeats(quick, passes, sweep.get(2)), "without a cluster every pass runs");
        assertNull(driverCheck("bench.cluster", EKS));
        assertTrue(BenchMain.repeats(quick, passes, sweep.get(1)), "on the cluster the first pass sweeps every path "
                + "the cluster has, so the outside-paths pass is the first again");
        assertTrue(BenchMain.repeats(quick, passes, sweep.get(2)), "on the cluster the 100k pass is the first again");
        assertFalse(BenchMain.repeats(quick, passes, sweep.get(0)));
    }
}
