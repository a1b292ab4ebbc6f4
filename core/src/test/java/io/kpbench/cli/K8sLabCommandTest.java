package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kpbench.cli.k8s.PodScripts;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code kpbench k8s-lab}: one privileged Job per node, without host networking, that runs only today's lab. */
class K8sLabCommandTest {
    /** A command that would touch netfilter or links directly, outside the lab's own {@code ip netns exec}. */
    private static final Pattern DIRECT = Pattern.compile("^\\s*(iptables\\S*|ip6tables\\S*|nft|ip|ipvsadm)\\b");

    private static List<Job> labJobs(String... nodes) throws Exception {
        return K8sManifests.of("k8s-lab", "--nodes", String.join(",", nodes)).jobs();
    }

    @Test
    void twoNodesAreTwoJobsEachPinnedToItsNode() throws Exception {
        List<Job> jobs = labJobs("a", "b");
        assertEquals(2, jobs.size());
        assertEquals(Map.of("kubernetes.io/hostname", "a"), jobs.get(0).getSpec().getTemplate().getSpec()
                .getNodeSelector());
        assertEquals(Map.of("kubernetes.io/hostname", "b"), jobs.get(1).getSpec().getTemplate().getSpec()
                .getNodeSelector());
        assertEquals(2, new HashSet<>(jobs.stream().map(j -> j.getMetadata().getName()).toList()).size());
        for (Job j : jobs) {
            assertEquals(1, j.getSpec().getCompletions());
            assertEquals(1, j.getSpec().getParallelism());
        }
    }

    @Test
    void theLabPodIsPrivilegedWithoutTheHostsNetworkPidsOrIpc() throws Exception {
        for (Job j : labJobs("a", "b")) {
            PodSpec p = j.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, K8sManifests.container(j).getSecurityContext().getPrivileged());
            assertEquals(Boolean.FALSE, p.getHostNetwork());
            assertEquals(Boolean.FALSE, p.getHostPID());
            assertEquals(Boolean.FALSE, p.getHostIPC());
        }
    }

    @Test
    void theOnlyHostPathIsLibModulesReadOnlyForModprobe() throws Exception {
        Job j = labJobs("a").get(0);
        List<String> hostPaths = j.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getHostPath() != null).map(v -> v.getHostPath().getPath()).toList();
        assertEquals(List.of("/lib/modules"), hostPaths);
        assertTrue(K8sManifests.container(j).getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/lib/modules")).allMatch(m -> Boolean.TRUE.equals(m.getReadOnly())));
    }

    @Test
    void theLabCommandLoadsIpvsWhereAllowedThenRunsTodaysLabForTheThreeBackEnds() throws Exception {
        String s = K8sManifests.script(labJobs("a").get(0));
        assertTrue(s.contains("modprobe ip_vs || true\n"
                + "scripts/kernel-lab.sh --modes iptables-nft,iptables-legacy,nftables --out \"$R/$T\"\n"), s);
        assertTrue(s.contains(PodScripts.LAB_STEP), s);
        assertTrue(s.indexOf("git checkout") < s.indexOf("scripts/kernel-lab.sh"), s);
        assertTrue(s.contains("apt-get install -y -qq --no-install-recommends git iptables nftables iproute2 kmod"), s);
    }

    @Test
    void theLabCommandNeverCallsIptablesNftOrIpItselfOnlyThroughTheLabsNamespaces() throws Exception {
        for (String line : K8sManifests.script(labJobs("a").get(0)).split("\n")) {
            assertFalse(DIRECT.matcher(line).find(), line);
            if (line.matches(".*\\b(iptables|nft)\\b.*")) {
                assertTrue(line.startsWith("apt-get install") || line.startsWith("scripts/kernel-lab.sh "), line);
            }
        }
    }

    @Test
    void aLongNodeNameStillGivesAJobNameOfAtMost63() throws Exception {
        String node = "ip-10-0-123-45.eu-west-1.compute.internal.example-cluster-name";
        Job j = labJobs(node).get(0);
        assertTrue(j.getMetadata().getName().length() <= 63, j.getMetadata().getName());
        assertEquals(node, j.getSpec().getTemplate().getSpec().getNodeSelector().get("kubernetes.io/hostname"));
    }

    @ParameterizedTest(name = "--nodes {0} is refused in one line")
    @CsvSource(delimiter = '|', value = {
        "Node_A|--nodes: 'Node_A' is not a node's kubernetes.io/hostname label",
        "a,a|--nodes: 'a' is given twice",
        "-a|--nodes: '-a' is not a node's",
        "a b|--nodes: 'a b' is not a node's",
    })
    void badNodeNamesAreOneLineAndExitTwo(String nodes, String message) {
        CliRun r = CliRun.of("k8s-lab", "--nodes", nodes, "--repo", K8sManifests.REPO, "--commit",
                K8sManifests.COMMIT);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().startsWith("kpbench: " + message), r.err());
        assertFalse(JavaNames.in(r.err()), r.err());
    }
}
