package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI's contract with its users: every command's {@code --help} works, and every {@code scripts/kpbench}
 * example in the root README runs as written, through {@link Main#run} in-process. Exit codes are 0 for an
 * example (2 where its comment says {@code exit 2}), never 1, and nothing on stderr looks like Java.
 */
class CliContractTest {
    /** Where the repository root is, seen from core's test working directory. */
    private static final Path ROOT = Path.of("..");
    private static final String SEED = "../scenarios/seed-nginx.yaml";

    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> everyCommandsHelpPrintsItsUsageAndExitsZero() {
        List<String[]> paths = new ArrayList<>();
        collect(Main.commandLine(new ByteArrayInputStream(new byte[0])), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 8, "kpbench and its subcommands");
        return paths.stream().map(path -> DynamicTest.dynamicTest(String.join(" ", path) + " --help", () -> {
            String[] args = new String[path.length];
            System.arraycopy(path, 1, args, 0, path.length - 1);
            args[path.length - 1] = "--help";
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), r.err());
            assertEquals("", r.err());
            assertTrue(r.out().contains("Usage: " + String.join(" ", path) + " ["), r.out());
            assertTrue(r.out().contains("Exit codes:"), r.out());
        }));
    }

    private static void collect(CommandLine cl, List<String> prefix, List<String[]> out) {
        List<String> path = new ArrayList<>(prefix);
        path.add(cl.getCommandName());
        out.add(path.toArray(new String[0]));
        for (CommandLine sub : cl.getSubcommands().values()) {
            collect(sub, path, out);
        }
    }

    @Test
    void helpOfEachCommandThroughTheHelpCommandMatchesItsDashDashHelp() {
        for (String name : Main.commandLine(new ByteArrayInputStream(new byte[0])).getSubcommands().keySet()) {
            CliRun viaHelp = CliRun.of("help", name);
            assertEquals(0, viaHelp.code(), viaHelp.err());
            assertEquals(CliRun.of(name, "--help").out(), viaHelp.out(), name);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyReadmeExampleRunsAsWritten() throws IOException {
        List<ReadmeExamples.Example> all = ReadmeExamples.read(ROOT.resolve("README.md"));
        List<ReadmeExamples.Example> ours = new ArrayList<>();
        for (ReadmeExamples.Example e : all) {
            String first = e.stages().get(0).get(0);
            String last = e.stages().get(e.stages().size() - 1).get(0);
            if (first.startsWith("scripts/") || last.startsWith("scripts/")) {
                ours.add(e);
            }
        }
        assertTrue(ours.size() >= 12, "the README's CLI examples were found: " + ours.size());
        return ours.stream().map(e -> DynamicTest.dynamicTest(e.line(), () -> runExample(e)));
    }

    private void runExample(ReadmeExamples.Example e) throws IOException {
        List<String> cmd = e.stages().get(e.stages().size() - 1);
        String script = cmd.get(0);
        if (script.equals("scripts/report.sh") || script.equals("scripts/compare.sh")
                || script.equals("scripts/pool.sh")) {
            Assumptions.abort("the reports module's scripts run in its own tests (reports/), not through Main");
        }
        assertEquals("scripts/kpbench", script, "an example of a script this test does not know: " + e.line());
        byte[] stdin = new byte[0];
        if (e.stages().size() > 1) {
            assertEquals(2, e.stages().size(), "one pipe at most: " + e.line());
            assertEquals("kubectl", e.stages().get(0).get(0), "only a kubectl pipe is known: " + e.line());
            stdin = Files.readAllBytes(kubectlOutput());
        }
        String[] args = fill(cmd.subList(1, cmd.size()), e.line());
        CliRun r = CliRun.withStdin(new String(stdin, StandardCharsets.UTF_8), args);
        int expected = e.comment().contains("exit 2") ? 2 : 0;
        assertEquals(expected, r.code(), e.line() + "\n" + String.join(" ", args) + "\n" + r.err());
        assertFalse(JavaNames.in(r.err()), r.err());
        assertTrue(r.err().lines().count() <= 1, r.err());
        if (expected == 0) {
            assertFalse(r.out().isEmpty() && !String.join(" ", args).contains(" -o "), "no output: " + e.line());
        }
    }

    /** What kubectl prints for a cluster: the realistic List when it is there, else the small one. */
    private static Path kubectlOutput() {
        Path eks = ROOT.resolve("scenarios/kubectl-get-eks.yaml");
        return Files.exists(eks) ? eks : ROOT.resolve("scenarios/kubectl-get-list.yaml");
    }

    /** The README's words with paths made relative to core/, globs expanded and placeholders filled. */
    private static String[] fill(List<String> words, String line) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String previous = i == 0 ? "" : words.get(i - 1);
            if (w.equals("...")) {
                out.addAll(switch (previous) {
                    case "--src" -> List.of("203.0.113.7");
                    case "--dst" -> List.of("10.96.12.34");
                    case "--dport" -> List.of("80");
                    default -> List.of("-f", SEED, "--node", "node-a");
                });
            } else if (FILES.containsKey(w)) {
                out.add(FILES.get(w).create().toString());
            } else if (w.startsWith("scenarios/") && w.contains("*")) {
                out.addAll(glob(w));
            } else if (w.startsWith("scenarios/")) {
                out.add(ROOT.resolve(w).toString());
            } else {
                if (w.contains("<") || w.contains("...")) {
                    fail("a placeholder this test cannot fill: '" + w + "' in " + line);
                }
                out.add(w);
            }
        }
        return out.toArray(new String[0]);
    }

    private static List<String> glob(String pattern) throws IOException {
        Path dir = ROOT.resolve(pattern.substring(0, pattern.lastIndexOf('/')));
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, pattern.substring(pattern.lastIndexOf('/') + 1))) {
            s.forEach(p -> out.add(p.toString()));
        }
        out.sort(null);
        return out;
    }

    /** A file a README example names, made in the temporary folder. */
    private interface Placeholder {
        Path create() throws IOException;
    }

    private static final Map<String, Placeholder> FILES = Map.of(
            "cluster.yaml", () -> tmp.resolve("cluster.yaml"),
            "flows.jsonl", () -> Files.writeString(tmp.resolve("flows.jsonl"),
                    "{\"src\":\"203.0.113.7\",\"dst\":\"10.96.12.34\",\"dport\":80}\n"
                    + "{\"src\":\"203.0.113.8\",\"dst\":\"192.168.49.2\",\"dport\":30080,\"proto\":\"TCP\"}\n"),
            "node.rules", () -> {
                CliRun r = CliRun.of("render", "--mode", "iptables", "-f", SEED, "--node", "node-a");
                assertEquals(0, r.code(), r.err());
                return Files.writeString(tmp.resolve("node.rules"), r.out());
            });
}
