package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example manifests under {@code scenarios/} load, summarise and walk as the README says. */
class ScenariosTest {
    private static final String SEED = "../scenarios/seed-nginx.yaml";
    private static final String LB_NAME = "a1b2c3d4e5f60718293a4b5c6d7e8f90-1234567890.us-east-1.elb.amazonaws.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode summary(String... files) throws Exception {
        String[] args = new String[files.length + 2];
        args[0] = "validate";
        args[1] = "--json";
        System.arraycopy(files, 0, args, 2, files.length);
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void theSeedScenarioHoldsThreeWaysToReachTwoNginxPods() throws Exception {
        JsonNode s = summary(SEED);
        assertEquals(3, s.get("services").asInt());
        assertEquals(1, s.get("servicesByType").get("ClusterIP").asInt());
        assertEquals(1, s.get("servicesByType").get("NodePort").asInt());
        assertEquals(1, s.get("servicesByType").get("LoadBalancer").asInt());
        assertEquals(2, s.get("nodePorts").asInt());
        assertEquals(6, s.get("endpoints").get("ready").asInt());
        assertEquals(2, s.get("nodes").asInt());
        assertEquals(1, s.get("skipped").get("Deployment").asInt());
    }

    @Test
    void theDualStackScenarioHasSlicesOfBothFamiliesAndTerminatingEndpoints() throws Exception {
        JsonNode s = summary("../scenarios/dual-stack.yaml");
        assertEquals(2, s.get("slicesByFamily").get("IPv4").asInt());
        assertEquals(2, s.get("slicesByFamily").get("IPv6").asInt());
        assertEquals(2, s.get("endpoints").get("servingTerminating").asInt());
        assertEquals(1, s.get("portsByProtocol").get("UDP").asInt());
    }

    @Test
    void theKubectlListScenarioSkipsThePodAndCountsTheHealthCheckNodePort() throws Exception {
        JsonNode s = summary("../scenarios/kubectl-get-list.yaml");
        assertEquals(3, s.get("services").asInt());
        assertEquals(2, s.get("nodePorts").asInt());
        assertEquals(1, s.get("skipped").get("Pod").asInt());
        assertEquals(1, s.get("endpoints").get("notReady").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "nftables", "ipvs", "ebpf", "userspace"})
    void walkPrintsTheSeedsThreeJourneysInEveryMode(String mode) {
        CliRun cluster = CliRun.of("walk", "-f", SEED, "--mode", mode, "--from", "pod/default/client-node-a",
                "--to", "http://nginx-cluster-ip.default.svc.cluster.local/");
        assertEquals(0, cluster.code(), cluster.err());
        assertTrue(cluster.out().contains("Pod default/client-node-a -> Cluster DNS (A) -> "), cluster.out());
        assertTrue(cluster.out().contains("[conntrack fast path]"), cluster.out());

        CliRun nodePort = CliRun.of("walk", "-f", SEED, "--mode", mode, "--from", "client", "--to",
                "192.168.49.2:30080");
        assertEquals(0, nodePort.code(), nodePort.err());
        assertTrue(nodePort.out().contains("Client -> Node node-a (NodePort) -> "), nodePort.out());
        assertTrue(nodePort.out().contains(" -> conntrack on node-a (src 192.168.49.2:30080) -> Client\n"),
                nodePort.out());

        CliRun lb = CliRun.of("walk", "-f", SEED, "--mode", mode, "--from", "client", "--to",
                "http://" + LB_NAME + "/");
        assertEquals(0, lb.code(), lb.err());
        assertTrue(lb.out().contains("Client -> Public DNS (A) -> Cloud LB -> Node "), lb.out());
        assertTrue(lb.out().contains(" -> Cloud LB (src "), lb.out());
        assertTrue(lb.out().contains("exactly the address it dialled"), lb.out());
    }
}
