package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.proxy.ebpf.EbpfConfig;
import io.kpbench.proxy.ipvs.IpvsConfig;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What {@code --help} shows: exactly what each command accepts, every default, every {@code --synthetic} key. */
class HelpTextTest {
    private static Map<String, CommandLine> commands() {
        return Main.commandLine(new ByteArrayInputStream(new byte[0])).getSubcommands();
    }

    private static String help(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    private static boolean inRequiredGroup(OptionSpec o) {
        for (ArgGroupSpec g = o.group(); g != null; g = g.parentGroup()) {
            if (g.multiplicity().min() > 0) {
                return true;
            }
        }
        return false;
    }

    /** What each command's help must show and must not: generate takes no manifest files, dns only NAME. */
    static Stream<Arguments> positionalsInHelp() {
        return Stream.of(
                Arguments.of("generate", List.of("--synthetic=SPEC"), List.of("-f, --filename", "FILE...")),
                Arguments.of("dns", List.of("[-f=FILE]... NAME\n", "      NAME  "), List.of("FILE...")));
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("positionalsInHelp")
    void helpOffersOnlyTheFilesAndPositionalsTheCommandTakes(String command, List<String> shown,
            List<String> notShown) {
        String h = help(command);
        for (String s : shown) {
            assertTrue(h.contains(s), s + " in\n" + h);
        }
        for (String s : notShown) {
            assertFalse(h.contains(s), s + " in\n" + h);
        }
    }

    @Test
    void generateWithManifestFilesIsAOneLineErrorNamingDashF() {
        CliRun r = CliRun.of("generate", "-f", "../scenarios/seed-nginx.yaml");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("'-f'"), r.err());
    }

    @Test
    void dnsWithAFileBeforeTheNameSaysToGiveFilesWithDashF() {
        CliRun r = CliRun.of("dns", "../scenarios/seed-nginx.yaml", "nginx-cluster-ip");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("takes one NAME") && r.err().contains("give manifest files with -f FILE"),
                r.err());
    }

    @Test
    void dnsWithTheFileAfterDashFResolves() {
        CliRun r = CliRun.of("dns", "nginx-cluster-ip.default", "--from", "pod/default/client-node-a", "-f",
                "../scenarios/seed-nginx.yaml");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("status: NOERROR"), r.out());
    }

    @Test
    void validateStillTakesManifestFilesAsPositionals() {
        assertTrue(help("validate").contains("[FILE...]"));
        CliRun r = CliRun.of("validate", "../scenarios/seed-nginx.yaml");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("services:   3"), r.out());
    }

    @Test
    void everyOptionThatTakesAValueStatesItsDefault() {
        List<String> missing = new ArrayList<>();
        commands().forEach((name, cl) -> {
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp() || o.hidden() || o.required() || inRequiredGroup(o)
                        || o.typeInfo().isBoolean()) {
                    continue;
                }
                if (!String.join(" ", o.description()).toLowerCase(java.util.Locale.ROOT).contains("default")) {
                    missing.add(name + " " + o.longestName());
                }
            }
        });
        assertEquals(List.of(), missing, "options whose help does not give the default");
    }

    @Test
    void everyDeclaredDefaultValueAppearsInTheHelp() {
        commands().forEach((name, cl) -> {
            String h = help(name);
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (o.defaultValue() != null && !o.hidden()) {
                    String flat = h.replaceAll("\\s+", "");
                    assertTrue(flat.contains("(default:" + o.defaultValue() + ")")
                            || flat.contains("(default:" + o.defaultValue() + ";"),
                            name + " " + o.longestName() + " does not show " + o.defaultValue() + " in\n" + h);
                }
            }
        });
    }

    @Test
    void theDefaultsWrittenInProseMatchTheModesDefaults() {
        String h = help("trace").replaceAll("\\s+", " ");
        assertTrue(h.contains("(default: " + IpvsConfig.defaults().scheduler() + ")"), h);
        assertTrue(h.contains("(default: " + IpvsConfig.defaults().mhTableSize() + ")"), h);
        assertTrue(h.contains("(default: " + EbpfConfig.defaults().maglevTableSize() + ")"), h);
        assertTrue(h.contains("(default: " + EbpfConfig.defaults().algorithm().name().toLowerCase() + ")"), h);
        assertTrue(h.contains("(default: " + PacketSpec.DEFAULT_SOURCE_PORT + ")"), h);
    }

    @Test
    void theDefaultSyntheticClusterShownIsTheDefaultSpec() {
        assertEquals(SyntheticSpec.defaults().toString(), SyntheticSpec.parse(SyntheticOptions.DEFAULT_SUMMARY)
                .toString());
        assertTrue(help("validate").replaceAll("\\s+", "").contains("(default:" + SyntheticOptions.DEFAULT_SUMMARY
                + ")"));
    }

    @Test
    void everySyntheticKeyIsListedWithItsDefaultAndMeaning() {
        String[] entries = SyntheticSpec.defaults().toString().split(",");
        assertEquals(entries.length, SyntheticOptions.describedKeys().size(),
                "every key of SyntheticSpec has a meaning in SyntheticOptions, and no other");
        for (String command : new String[] {"generate", "validate", "trace", "render", "walk", "dns"}) {
            String h = help(command);
            assertTrue(h.contains("--synthetic keys"), command + ":\n" + h);
            for (String kv : entries) {
                String key = kv.substring(0, kv.indexOf('='));
                assertTrue(SyntheticOptions.describedKeys().contains(key), key);
                assertTrue(h.contains("\n  " + kv + " ") || h.contains("\n  " + kv + "\n"),
                        command + " lacks " + kv + ":\n" + h);
            }
        }
        for (String key : new String[] {"types", "local", "affinity"}) {
            assertTrue(help("generate").contains("\n  " + key + "="), key);
        }
    }

    @Test
    void theSyntheticKeysComeBeforeTheExitCodes() {
        String h = help("walk");
        assertTrue(h.indexOf("--synthetic keys") < h.indexOf("Exit codes:"), h);
        assertFalse(help("kernel-lab").contains("--synthetic keys"));
    }
}
