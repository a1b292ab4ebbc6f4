package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jobs' container scripts run under bash with stand-ins for git, mvn, apt-get, modprobe and the lab script
 * (and {@code /results} and {@code /src} moved into a temporary folder): they run the step, write the markers,
 * hold until the copy and exit with the step's code.
 */
class K8sScriptRunTest {
    @TempDir
    Path tmp;

    private Path bin() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        stub(bin.resolve("git"), "if [ \"$1\" = clone ]; then mkdir -p \"$4/scripts\"; printf '%s\\n' "
                + "'#!/bin/bash' 'echo \"kernel-lab $*\" > \"" + tmp + "/lab.args\"; exit 0' > \"$4/scripts/kernel-lab.sh\";"
                + " chmod +x \"$4/scripts/kernel-lab.sh\"; fi\necho \"git $*\" >> \"" + tmp + "/git.args\"\n");
        stub(bin.resolve("mvn"), "echo \"mvn $*\" > \"" + tmp + "/mvn.args\"\necho building\nexit 3\n");
        stub(bin.resolve("apt-get"), "exit 0\n");
        stub(bin.resolve("modprobe"), "echo \"modprobe $*\" > \"" + tmp + "/modprobe.args\"\nexit 1\n");
        return bin;
    }

    private static void stub(Path p, String body) throws Exception {
        Files.writeString(p, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int run(String script, Map<String, String> env) throws Exception {
        Process p = start(script, env);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script did not stop");
        return p.exitValue();
    }

    private Process start(String script, Map<String, String> env) throws Exception {
        String s = script.replace("/results", tmp.resolve("results").toString())
                .replace(" /src", " " + tmp.resolve("src")).replace("cd /src", "cd " + tmp.resolve("src"));
        Files.createDirectories(tmp.resolve("results"));
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", s).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().put("PATH", bin() + ":" + System.getenv("PATH"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private String read(String name) throws Exception {
        return Files.readString(tmp.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void aShardRunsItsShardWritesItsMarkersAndExitsWithTheBenchsCodeOnceCopied() throws Exception {
        Files.createDirectories(tmp.resolve("results"));
        Files.createFile(tmp.resolve("results/shard-3.copied"));
        String script = K8sManifests.script(K8sManifests.of("k8s-bench", "--shards", "4", "--hold", "60").jobs()
                .get(0));
        int code = run(script, Map.of("JOB_COMPLETION_INDEX", "2"));
        assertEquals(3, code, read("out.txt"));
        assertEquals("mvn -B verify -Pbench -Dbench.profile=quick -Dbench.shard=3/4 -Dbench.out="
                + tmp.resolve("results/shard-3") + "\n", read("mvn.args"));
        assertTrue(read("git.args").contains("git checkout --quiet " + K8sManifests.COMMIT), read("git.args"));
        assertEquals("3\n", read("results/shard-3.exit"));
        assertTrue(Files.exists(tmp.resolve("results/shard-3.done")));
        assertTrue(read("results/shard-3.log").contains("building"), read("results/shard-3.log"));
    }

    @Test
    void aShardHoldsItsResultsAfterTheBenchUntilTheCopyMarkerAppears() throws Exception {
        String script = K8sManifests.script(K8sManifests.of("k8s-bench", "--shards", "2", "--hold", "60").jobs()
                .get(0));
        Process p = start(script, Map.of("JOB_COMPLETION_INDEX", "0"));
        try {
            Path done = tmp.resolve("results/shard-1.done");
            for (int i = 0; i < 200 && !Files.exists(done); i++) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(done), read("out.txt"));
            assertTrue(!p.waitFor(1, TimeUnit.SECONDS), "it stopped before the copy: " + read("out.txt"));
            Files.createFile(tmp.resolve("results/shard-1.copied"));
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "it did not stop after the copy");
            assertEquals(3, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theLabRunsTodaysLabAfterTryingIpVsAndSucceedsWhereModprobeFails() throws Exception {
        Files.createDirectories(tmp.resolve("results"));
        Files.createFile(tmp.resolve("results/lab.copied"));
        String script = K8sManifests.script(K8sManifests.of("k8s-lab", "--nodes", "a", "--hold", "60").jobs().get(0));
        int code = run(script, Map.of());
        assertEquals(0, code, read("out.txt"));
        assertEquals("modprobe ip_vs\n", read("modprobe.args"));
        assertEquals("kernel-lab --modes iptables-nft,iptables-legacy,nftables --out " + tmp.resolve("results/lab")
                + "\n", read("lab.args"));
        assertEquals("0\n", read("results/lab.exit"));
    }
}
