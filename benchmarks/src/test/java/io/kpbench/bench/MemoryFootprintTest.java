package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * memory.csv's eBPF rows with Maglev grow with the frontends of the service type, as Cilium keeps one Maglev table
 * per frontend (issue 17 point 7; Cilium 1.18 {@code bpf_reconciler.go useMaglev}).
 */
class MemoryFootprintTest {
    @TempDir
    Path dir;

    @Test
    void maglevBytesGrowWithTheFrontendsOfNodePortAndLoadBalancerServicesAndClusterIpHasNone() throws IOException {
        Path csv = dir.resolve("memory.csv");
        MemoryFootprint.main(new String[] {csv.toString(), "50x2:ClusterIP", "50x2:NodePort", "50x2:LoadBalancer"});
        List<String> lines = Files.readAllLines(csv);
        assertEquals(MemoryFootprint.HEADER, lines.get(0));
        String[] names = MemoryFootprint.HEADER.split(",");
        Map<String, Map<String, String>> maglev = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(names.length, f.length, line);
            Map<String, String> r = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                r.put(names[i], f[i]);
            }
            if (r.get("selection").equals("maglev")) {
                maglev.put(r.get("type"), r);
            } else if (!r.get("mode").equals("EBPF")) {
                assertTrue(r.get("bpfMapBytes").isEmpty(), "only eBPF rows carry BPF maps: " + line);
            }
        }
        assertEquals(0, Long.parseLong(maglev.get("ClusterIP").get("maglevBytes")), "no table per ClusterIP");
        long nodePort = Long.parseLong(maglev.get("NodePort").get("maglevBytes"));
        long lb = Long.parseLong(maglev.get("LoadBalancer").get("maglevBytes"));
        long table = 16381L * 4;
        assertTrue(nodePort >= 50 * table, "a table per NodePort service's node address: " + nodePort);
        assertTrue(lb >= nodePort + 50 * table, "and one more per LoadBalancer VIP: " + lb + " vs " + nodePort);
        assertTrue(Long.parseLong(maglev.get("LoadBalancer").get("frontends"))
                > Long.parseLong(maglev.get("NodePort").get("frontends")));
    }
}
