package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user error is one line on stderr, exit 2, naming what is wrong, with no Java class name and no
 * "Exception": for every bad manifest under {@code manifests/bad/} and for a set of bad flags.
 */
class UserErrorWordingTest {
    private static final Path BAD = Path.of("src/test/resources/manifests/bad");
    private static final String SEED = "../scenarios/seed-nginx.yaml";

    @TempDir
    static Path tmp;

    private static void assertOneCleanLine(CliRun r, String mustName) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out(), "nothing on stdout");
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().endsWith("\n"), r.err());
        assertTrue(r.err().startsWith("kpbench"), r.err());
        assertFalse(JavaNames.in(r.err()), "a Java name: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue(r.err().contains(mustName), "does not name '" + mustName + "': " + r.err());
    }

    @TestFactory
    Stream<DynamicTest> everyBadManifestIsOneLineNamingTheFile() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(BAD)) {
            s.sorted().forEach(files::add);
        }
        assertTrue(files.size() >= 40, "the bad fixtures were found: " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> assertOneCleanLine(CliRun.of("validate", "-f", f.toString()), f.toString())));
    }

    @TestFactory
    Stream<DynamicTest> everyBadFlagIsOneLineNamingTheFlag() throws IOException {
        Path garbageDump = Files.writeString(tmp.resolve("garbage.rules"), "*filter\n-A FOO -j\n");
        Path badFlows = Files.writeString(tmp.resolve("bad.jsonl"), "{\"src\":1\n");
        String[] packet = {"--src", "203.0.113.7", "--dst", "10.96.12.34", "--dport", "80"};
        Object[][] cases = {
            {"--mode", args("render", "--mode", "iptabels", "-f", SEED)},
            {"--scheduler", args("render", "--mode", "ipvs", "--scheduler", "fastest", "-f", SEED)},
            {"--selection", args("render", "--mode", "ebpf", "--selection", "best", "-f", SEED)},
            {"src", args("trace", "--mode", "iptables", "-f", SEED, "--src", "1.2.3", "--dst", "10.96.12.34",
                "--dport", "80")},
            {"--node-ip", args("render", "--mode", "iptables", "-f", SEED, "--node-ip", "300.1.1.1")},
            {"--cluster-cidr", args("render", "--mode", "iptables", "-f", SEED, "--cluster-cidr", "10.0.0.0/40")},
            {"--nodeport-addresses", args("render", "--mode", "iptables", "-f", SEED, "--nodeport-addresses",
                "10.0.0.0/8,bogus")},
            {"--service-cidr", args("render", "--mode", "nftables", "-f", SEED, "--service-cidr", "10.96.0.0")},
            {"dport", args("trace", "--mode", "iptables", "-f", SEED, "--src", "203.0.113.7", "--dst",
                "10.96.12.34", "--dport", "70000")},
            {"'--dport'", args("trace", "--mode", "iptables", "-f", SEED, "--src", "203.0.113.7", "--dst",
                "10.96.12.34", "--dport", "http")},
            {"--service-node-port-range", args("validate", "--service-node-port-range", "5-1")},
            {"--frobnicate", args("validate", "--frobnicate")},
            {"'--to", args("walk", "--mode", "iptables", "-f", SEED, "--from", "client")},
            {"nope.yaml", args("validate", "-f", "nope.yaml")},
            {"../scenarios", args("validate", "-f", "../scenarios")},
            {"nope.rules", concat(args("trace", "--mode", "iptables", "--iptables-save", "nope.rules", "--node-ip",
                "10.0.0.5"), packet)},
            {"../scenarios", concat(args("trace", "--mode", "iptables", "--iptables-save", "../scenarios",
                "--node-ip", "10.0.0.5"), packet)},
            {garbageDump.toString(), concat(args("trace", "--mode", "iptables", "--iptables-save",
                garbageDump.toString(), "--node-ip", "10.0.0.5"), packet)},
            {"nope.jsonl", args("trace", "--mode", "iptables", "-f", SEED, "--flows", "nope.jsonl")},
            {badFlows.toString(), args("trace", "--mode", "iptables", "-f", SEED, "--flows", badFlows.toString())},
            {"--synthetic", args("validate", "--synthetic", "colour=blue")},
            {"--synthetic", args("generate", "--synthetic", "services=-1")},
            {"-o", args("generate", "-o", tmp.toString())},
            {"--node", args("render", "--mode", "iptables", "-f", SEED, "--node", "node-z")},
            {"--type", args("dns", "web", "-f", SEED, "--type", "MX")},
            {"ftp://x/", args("walk", "--mode", "iptables", "-f", SEED, "--from", "client", "--to", "ftp://x/")},
            {"--packets", args("walk", "--mode", "iptables", "-f", SEED, "--from", "client", "--to",
                "192.168.49.2:30080", "--packets", "0")},
            {"--lb-zones", args("walk", "--mode", "iptables", "-f", SEED, "--from", "client", "--to",
                "192.168.49.2:30080", "--lb-zones", "some")},
            {"--services", args("kernel-lab", "--services", "1")},
            {"--modes", args("kernel-lab", "--modes", "ipchains")},
        };
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] c : cases) {
            String[] a = (String[]) c[1];
            tests.add(DynamicTest.dynamicTest(String.join(" ", a),
                    () -> assertOneCleanLine(CliRun.of(a), (String) c[0])));
        }
        return tests.stream();
    }

    @Test
    void generateIntoADirectorySaysToNameAFile() {
        CliRun r = CliRun.of("generate", "-o", tmp.toString());
        assertEquals("kpbench: -o: " + tmp + " is a directory; give the file to write, e.g. "
                + tmp.resolve("cluster.yaml") + "\n", r.err());
    }

    @Test
    void aBadFlowsLineGivesJsonsReasonWithoutItsSourceNote() throws IOException {
        Path flows = Files.writeString(tmp.resolve("flows-note.jsonl"), "{\"src\":1\n");
        CliRun r = CliRun.of("trace", "--mode", "iptables", "-f", SEED, "--flows", flows.toString());
        assertEquals("kpbench: " + flows + ": line 1: not a JSON object: Unexpected end-of-input: expected close "
                + "marker for Object at column 9\n", r.err());
    }

    @Test
    void packetsOfTwoFamiliesNameBothOptions() {
        CliRun r = CliRun.of("trace", "--mode", "iptables", "-f", SEED, "--src", "203.0.113.7", "--dst", "fd00::1",
                "--dport", "80");
        assertEquals("kpbench: --src 203.0.113.7 and --dst fd00::1 are of different IP families\n", r.err());
    }

    private static String[] args(String... a) {
        return a;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
