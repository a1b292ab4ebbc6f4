package io.kpbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code scripts/report.sh}, {@code scripts/compare.sh}, {@code scripts/pool.sh} and {@code scripts/merge.sh}: each
 * starts with {@code set -euo pipefail}, prints its
 * usage on {@code --help} (exit 0, without building anything) and on no arguments (exit 2), and its usage names
 * every option of the command it runs, so that the two cannot drift apart.
 */
class ScriptsTest {
    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

    @ParameterizedTest
    @CsvSource({"report.sh, report", "compare.sh, compare", "pool.sh, pool", "merge.sh, merge"})
    void theScriptIsStrictAndItsHelpNamesEveryOptionOfItsCommand(String script, String command) throws Exception {
        Path file = SCRIPTS.resolve(script);
        List<String> lines = Files.readAllLines(file);
        assertEquals("#!/usr/bin/env bash", lines.get(0));
        assertEquals("set -euo pipefail", lines.stream().skip(1).filter(l -> !l.isBlank() && !l.startsWith("#"))
                .findFirst().orElseThrow(), "the first command");

        Result help = bash(file, "--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().startsWith("usage: scripts/" + script), help.out());
        CommandLine cl = new CommandLine(new ReportMain()).getSubcommands().get(command);
        for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                assertTrue(help.out().contains(o.longestName()), o.longestName() + " in the usage of " + script);
            }
        }
        Result none = bash(file);
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("usage: "), none.err());
    }

    record Result(int code, String out, String err) {
    }

    private static Result bash(Path script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script ended");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
