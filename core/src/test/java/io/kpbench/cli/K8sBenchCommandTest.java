package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code kpbench k8s-bench}: its YAML parses back into one Indexed Job with the fields that matter. */
class K8sBenchCommandTest {
    @TempDir
    Path tmp;

    private static Job benchJob(String... args) throws Exception {
        K8sManifests m = K8sManifests.of(args);
        assertEquals(1, m.jobs().size(), m.run().out());
        return m.jobs().get(0);
    }

    @Test
    void fourShardsAreOneIndexedJobOfFourCompletionsRunFourAtATime() throws Exception {
        Job j = benchJob("k8s-bench", "--shards", "4");
        assertEquals("Indexed", j.getSpec().getCompletionMode());
        assertEquals(4, j.getSpec().getCompletions());
        assertEquals(4, j.getSpec().getParallelism());
        assertEquals("Never", j.getSpec().getTemplate().getSpec().getRestartPolicy());
    }

    @Test
    void eachShardRunsTheReadmesBenchCommandWithItsShardFromTheCompletionIndex() throws Exception {
        String s = K8sManifests.script(benchJob("k8s-bench", "--shards", "4", "--profile", "smoke"));
        assertTrue(s.contains("mvn -B verify -Pbench -Dbench.profile=smoke -Dbench.shard=$((JOB_COMPLETION_INDEX+1))/4"
                + " -Dbench.out=/results/shard-$((JOB_COMPLETION_INDEX+1))\n"), s);
        assertTrue(s.contains("git clone --quiet '" + K8sManifests.REPO + "' /src\n"), s);
        assertTrue(s.contains("git checkout --quiet '" + K8sManifests.COMMIT + "'\n"), s);
        assertTrue(s.indexOf("git checkout") < s.indexOf("mvn -B verify"), s);
    }

    @Test
    void eachShardKnowsItsNodeSoTheMergedReportCanNameIt() throws Exception {
        Container c = K8sManifests.container(benchJob("k8s-bench", "--shards", "2"));
        assertEquals(1, c.getEnv().stream().filter(e -> e.getName().equals("NODE_NAME")
                && e.getValueFrom().getFieldRef().getFieldPath().equals("spec.nodeName")).count(), c.getEnv().toString());
    }

    @Test
    void requestsEqualLimitsInWholeCoresSoThePodIsGuaranteed() throws Exception {
        Container c = K8sManifests.container(benchJob("k8s-bench", "--shards", "4", "--cpu", "4", "--memory",
                "16Gi"));
        Map<String, Quantity> req = c.getResources().getRequests();
        Map<String, Quantity> lim = c.getResources().getLimits();
        assertEquals(new Quantity("4"), req.get("cpu"));
        assertEquals(new Quantity("16Gi"), req.get("memory"));
        assertEquals(req, lim);
        assertEquals(Map.of("cpu", new Quantity("2"), "memory", new Quantity("12Gi")),
                K8sManifests.container(benchJob("k8s-bench", "--shards", "2")).getResources().getLimits());
    }

    @Test
    void shardsNeverShareANodeThroughRequiredAntiAffinityOnTheirOwnJobLabel() throws Exception {
        Job j = benchJob("k8s-bench", "--shards", "4", "--node-selector", "node.kubernetes.io/instance-type=m6i.large");
        PodSpec p = j.getSpec().getTemplate().getSpec();
        List<PodAffinityTerm> terms = p.getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution();
        assertEquals(1, terms.size());
        assertEquals("kubernetes.io/hostname", terms.get(0).getTopologyKey());
        Map<String, String> sel = terms.get(0).getLabelSelector().getMatchLabels();
        assertFalse(sel.isEmpty());
        Map<String, String> podLabels = j.getSpec().getTemplate().getMetadata().getLabels();
        sel.forEach((k, v) -> assertEquals(v, podLabels.get(k), k));
        assertEquals(Map.of("node.kubernetes.io/instance-type", "m6i.large"), p.getNodeSelector());
    }

    @Test
    void theBenchPodHasNoPrivilegeNoExtraCapabilityAndNoHostNetwork() throws Exception {
        Job j = benchJob("k8s-bench", "--shards", "4");
        PodSpec p = j.getSpec().getTemplate().getSpec();
        SecurityContext sc = K8sManifests.container(j).getSecurityContext();
        assertNotEquals(Boolean.TRUE, sc.getPrivileged());
        assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation());
        assertTrue(sc.getCapabilities() == null || sc.getCapabilities().getAdd().isEmpty());
        assertEquals(Boolean.FALSE, p.getHostNetwork());
        assertNotEquals(Boolean.TRUE, p.getHostPID());
        assertTrue(p.getVolumes().stream().allMatch(v -> v.getHostPath() == null));
    }

    @Test
    void eachPodHoldsItsEmptyDirResultsUntilCopiedAndIsReadyWhenTheBenchIsDone() throws Exception {
        Job j = benchJob("k8s-bench", "--shards", "4", "--hold", "600");
        Container c = K8sManifests.container(j);
        assertEquals("/results", c.getVolumeMounts().get(0).getMountPath());
        Volume v = j.getSpec().getTemplate().getSpec().getVolumes().get(0);
        assertEquals(c.getVolumeMounts().get(0).getName(), v.getName());
        assertTrue(v.getEmptyDir() != null);
        assertEquals(List.of("sh", "-c", "test -e /results/shard-$((JOB_COMPLETION_INDEX+1)).done"),
                c.getReadinessProbe().getExec().getCommand());
        String s = K8sManifests.script(j);
        assertTrue(s.contains("while [ ! -e \"$R/$T.copied\" ] && [ \"$w\" -lt 600 ]"), s);
        assertTrue(s.endsWith("exit \"$code\"\n"), s);
    }

    @Test
    void theHeaderGivesTheKubectlCommandsInOrder() throws Exception {
        String out = K8sManifests.of("k8s-bench", "--shards", "4", "--namespace", "bench").run().out();
        String[] steps = {"# kpbench k8s-bench", "kubectl apply -f kpbench-quick-01234567.yaml",
            "kubectl -n bench wait --for=condition=ready pod -l kpbench.io/run=kpbench-quick-01234567",
            "kubectl -n bench cp \"$pod:/results/shard-$i\"", "touch /results/shard-$i.copied",
            "kubectl -n bench wait --for=condition=complete job/kpbench-quick-01234567",
            "scripts/merge.sh results/k8s-kpbench-quick-01234567/merged results/k8s-kpbench-quick-01234567/shard-1",
            "/shard-4\n", "kubectl -n bench delete job kpbench-quick-01234567", "\n---\n"};
        int at = 0;
        for (String step : steps) {
            int i = out.indexOf(step, at);
            assertTrue(i >= at, "missing or out of order: " + step + "\n" + out);
            at = i;
        }
    }

    @Test
    void withAClaimTheResultsGoToItAndAHelperPodReadsThem() throws Exception {
        K8sManifests m = K8sManifests.of("k8s-bench", "--shards", "2", "--pvc", "bench-results", "-o",
                tmp.resolve("x.yaml").toString());
        assertEquals("", m.run().out());
        K8sManifests f = K8sManifests.parse(new CliRun(0, Files.readString(tmp.resolve("x.yaml")), ""));
        Job j = f.jobs().get(0);
        assertEquals("bench-results", j.getSpec().getTemplate().getSpec().getVolumes().get(0)
                .getPersistentVolumeClaim().getClaimName());
        assertNull(K8sManifests.container(j).getReadinessProbe());
        assertEquals(1, f.pods().size());
        assertEquals("bench-results", f.pods().get(0).getSpec().getVolumes().get(0).getPersistentVolumeClaim()
                .getClaimName());
        assertTrue(m.run().err().contains("kubectl -n default cp kpbench-quick-01234567-results:/results/shard-$i"),
                m.run().err());
    }

    @Test
    void theContainerScriptIsValidBash() throws Exception {
        String s = K8sManifests.script(benchJob("k8s-bench", "--shards", "3"));
        Process p = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        p.getOutputStream().write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    @ParameterizedTest(name = "{0} is refused in one line naming {1}")
    @CsvSource(delimiter = '|', value = {
        "--shards 0|--shards: 0 is outside 1..1000",
        "--shards 4 --profile fast|--profile: unknown profile 'fast' (valid: smoke, quick, full)",
        "--shards 4 --cpu 500m|--cpu: '500m' is not a whole number of cores",
        "--shards 4 --memory 12GB|--memory: '12GB' is not a memory size",
        "--shards 4 --namespace Bench|--namespace: 'Bench' is not a namespace name",
        "--shards 4 --node-selector disk|--node-selector: 'disk' is not a node label as key=value",
        "--shards 4 --commit main|--commit: 'main' is not a commit id",
        "--shards 4 --pvc Bad_Claim|--pvc: 'Bad_Claim' is not a claim name",
    })
    void badInputIsOneLineAndExitTwo(String args, String message) {
        List<String> a = new java.util.ArrayList<>(List.of("k8s-bench", "--repo", K8sManifests.REPO));
        a.addAll(List.of(args.split(" ")));
        if (!args.contains("--commit")) {
            a.addAll(List.of("--commit", K8sManifests.COMMIT));
        }
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().startsWith("kpbench: " + message), r.err());
        assertFalse(JavaNames.in(r.err()), r.err());
        assertEquals("", r.out());
    }
}
