package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceCommandTest {
    private static final String CLUSTER = "services=12,endpoints=3,nodes=3,seed=9,"
            + "types=ClusterIP:8+NodePort:2+LoadBalancer:2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The first ClusterIP and port of the synthetic cluster, read back from generate's YAML. */
    private static String[] firstService() {
        String yaml = CliRun.of("generate", "--synthetic", CLUSTER).out();
        String ip = null;
        String port = null;
        for (String line : yaml.split("\n")) {
            String t = line.trim();
            if (ip == null && t.startsWith("clusterIP:")) {
                ip = t.substring("clusterIP:".length()).trim();
            }
            if (ip != null && port == null && t.startsWith("port:")) {
                port = t.substring("port:".length()).trim();
            }
        }
        return new String[] {ip, port};
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "nftables", "ipvs", "ebpf", "userspace"})
    void traceJsonHoldsTheContractFieldsInEveryMode(String mode) throws Exception {
        String[] svc = firstService();
        CliRun r = CliRun.of("trace", "--mode", mode, "--synthetic", CLUSTER, "--cluster-cidr", "10.244.0.0/16",
                "--src", "10.244.0.77", "--dst", svc[0], "--dport", svc[1], "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals("DNAT", o.get("verdict").asText());
        assertEquals(3, o.get("endpoints").size());
        assertTrue(o.get("masquerade").isBoolean());
        assertTrue(o.get("path").size() > 0);
        assertTrue(o.get("rulesEvaluated").asInt() > 0);
    }

    @Test
    void flowsFileGivesOneJsonLinePerFlowInOrder() throws Exception {
        String[] svc = firstService();
        Path flows = tmp.resolve("flows.jsonl");
        Files.write(flows, List.of(
                "{\"src\":\"10.244.0.77\",\"dst\":\"" + svc[0] + "\",\"dport\":" + svc[1] + ",\"proto\":\"TCP\"}",
                "",
                "{\"src\":\"10.244.0.77\",\"dst\":\"192.0.2.1\",\"dport\":80}"));
        CliRun r = CliRun.of("trace", "--mode", "nftables", "--synthetic", CLUSTER, "--flows", flows.toString(),
                "--json");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        assertEquals("DNAT", JSON.readTree(lines[0]).get("verdict").asText());
        assertEquals("NONE", JSON.readTree(lines[1]).get("verdict").asText());
    }

    @Test
    void tracingAnIptablesSaveDumpGivesWhatTracingTheModelGives() throws Exception {
        String[] svc = firstService();
        CliRun render = CliRun.of("render", "--mode", "iptables", "--synthetic", CLUSTER,
                "--cluster-cidr", "10.244.0.0/16");
        assertEquals(0, render.code(), render.err());
        Path dump = tmp.resolve("node.rules");
        Files.writeString(dump, render.out());
        String nodeName = JSON.readTree(CliRun.of("trace", "--mode", "iptables", "--synthetic", CLUSTER,
                "--src", "1.2.3.4", "--dst", svc[0], "--dport", svc[1], "--json").out()).get("node").asText();
        String ip = null;
        for (String line : CliRun.of("generate", "--synthetic", CLUSTER).out().split("\n")) {
            if (line.contains("address:") && ip == null && line.contains("172.18.")) {
                ip = line.substring(line.indexOf("address:") + 8).trim();
            }
        }
        for (String src : new String[] {"10.244.0.77", "203.0.113.9"}) {
            CliRun model = CliRun.of("trace", "--mode", "iptables", "--synthetic", CLUSTER, "--node", nodeName,
                    "--node-ip", ip, "--cluster-cidr", "10.244.0.0/16", "--src", src, "--dst", svc[0],
                    "--dport", svc[1], "--json");
            CliRun saved = CliRun.of("trace", "--mode", "iptables", "--iptables-save", dump.toString(),
                    "--node", nodeName, "--node-ip", ip, "--cluster-cidr", "10.244.0.0/16", "--src", src,
                    "--dst", svc[0], "--dport", svc[1], "--json");
            assertEquals(0, saved.code(), saved.err());
            JsonNode a = JSON.readTree(model.out());
            JsonNode b = JSON.readTree(saved.out());
            for (String f : new String[] {"verdict", "endpoints", "masquerade", "rulesEvaluated"}) {
                assertEquals(a.get(f), b.get(f), f + " for source " + src);
            }
        }
    }

    @ParameterizedTest(name = "--mode {0} --dst {1} --dport {2}: {3}")
    @CsvSource(quoteCharacter = '"', value = {
        "bogus,    2.2.2.2,   80,    --mode: unknown mode 'bogus'",
        "iptables, 2.2.2.300, 80,    dst: '2.2.2.300' is not a valid IP address",
        "nftables, 2.2.2.2,   70000, dport: 70000 is outside 1-65535"})
    void aBadModeAddressOrPortIsAOneLineErrorWithExitCode2(String mode, String dst, String dport, String error) {
        CliRun r = CliRun.of("trace", "--mode", mode, "--synthetic", CLUSTER, "--src", "1.1.1.1", "--dst", dst,
                "--dport", dport);
        assertEquals(2, r.code());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains(error), r.err());
    }

    @Test
    void aBadFlowsLineNamesTheFileAndLine() throws Exception {
        Path flows = tmp.resolve("bad.jsonl");
        Files.write(flows, List.of("{\"src\":\"1.1.1.1\",\"dst\":\"2.2.2.2\",\"dport\":80}", "{\"src\":\"x\"}"));
        CliRun r = CliRun.of("trace", "--mode", "nftables", "--synthetic", CLUSTER, "--flows", flows.toString());
        assertEquals(2, r.code());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("bad.jsonl: line 2: "), r.err());
    }

    @Test
    void aMissingIptablesSaveFileIsAOneLineError() {
        CliRun r = CliRun.of("trace", "--mode", "iptables", "--iptables-save", "/nonexistent/node.rules",
                "--node-ip", "10.0.0.1", "--src", "1.1.1.1", "--dst", "2.2.2.2", "--dport", "80");
        assertEquals(2, r.code());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("/nonexistent/node.rules: cannot read: no such file"), r.err());
    }

    @Test
    void anUnknownIptablesMatchNamesTheLine() throws Exception {
        Path dump = tmp.resolve("odd.rules");
        Files.writeString(dump, "*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -m bogus --frob 1 -j ACCEPT\nCOMMIT\n");
        CliRun r = CliRun.of("trace", "--mode", "iptables", "--iptables-save", dump.toString(), "--node-ip",
                "10.0.0.1", "--src", "1.1.1.1", "--dst", "2.2.2.2", "--dport", "80");
        assertEquals(2, r.code());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().contains("odd.rules: line 3"), r.err());
    }

    @Test
    void renderPrintsKubeProxysNftablesTransaction() {
        CliRun r = CliRun.of("render", "--mode", "nftables", "--synthetic", CLUSTER);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("add table ip kube-proxy"), r.out());
        assertTrue(r.out().contains("add map ip kube-proxy service-ips"));
    }

    /**
     * {@code --drop-virtual-ip-traffic} turns on Cilium 1.19's wildcard service entries ({@code bpf/lib/lb.h}
     * {@code lookup_virtual_service_v4}): a ClusterIP on a port no service uses is dropped instead of left alone;
     * other modes refuse the flag in one line.
     */
    @Test
    void theVirtualIpDropFlagDropsAClusterIpOnAnUnusedPortInEbpfOnly() throws Exception {
        String[] svc = firstService();
        String[] args = {"trace", "--mode", "ebpf", "--synthetic", CLUSTER, "--cluster-cidr", "10.244.0.0/16",
            "--src", "10.244.0.77", "--dst", svc[0], "--dport", "1", "--json"};
        CliRun plain = CliRun.of(args);
        assertEquals(0, plain.code(), plain.err());
        assertEquals("NONE", JSON.readTree(plain.out()).get("verdict").asText());
        String[] withFlag = java.util.Arrays.copyOf(args, args.length + 1);
        withFlag[args.length] = "--drop-virtual-ip-traffic";
        CliRun dropped = CliRun.of(withFlag);
        assertEquals(0, dropped.code(), dropped.err());
        assertEquals("DROP", JSON.readTree(dropped.out()).get("verdict").asText());
        withFlag[2] = "nftables";
        CliRun refused = CliRun.of(withFlag);
        assertEquals(2, refused.code());
        assertEquals("kpbench: --drop-virtual-ip-traffic: applies to --mode ebpf only, not nftables",
                refused.err().strip());
    }
}
