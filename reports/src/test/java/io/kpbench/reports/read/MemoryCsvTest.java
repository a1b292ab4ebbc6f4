package io.kpbench.reports.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.reports.Fixtures;
import io.kpbench.reports.findings.Findings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryCsvTest {
    @TempDir
    Path tmp;

    private static final String HEADER = "mode,services,endpoints,retainedBytes,bytesPerService,bytesPerEndpoint,type,"
            + "selection,frontends,bpfMapBytes,maglevBytes";

    @Test
    void theCurvesTakeClusterIpRowsOfTheDefaultSelectionAndTheMaglevRowsBecomeAFinding() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.write(dir.resolve("memory.csv"), List.of(HEADER,
                "EBPF,10000,10,70000000,7000.0,700.0,ClusterIP,random,10000,4320000,0",
                "EBPF,1000,10,7158512,7158.5,715.9,ClusterIP,maglev,1000,432000,0",
                "EBPF,1000,10,73483648,73483.6,7348.4,NodePort,maglev,3000,66512000,65536000",
                "IPTABLES,1000,10,9529304,9529.3,952.9,NodePort,,,,"));
        ResultsFolder f = ResultsReader.read(dir);
        List<Map<String, String>> curve = MemoryCsv.curveRows(f.table("memory.csv"));
        assertEquals(1, curve.size(), "only the ClusterIP row of eBPF's default selection: " + curve);
        assertEquals("10000", curve.get(0).get("services"));
        String all = String.join("\n", Findings.of(f));
        assertTrue(all.contains("eBPF with Maglev at 1,000 services holds BPF maps of ClusterIP 0.412 MiB (1,000 "
                + "frontends, 0 MiB of it Maglev tables), NodePort 63.4 MiB (3,000 frontends, 62.5 MiB of it Maglev "
                + "tables)"), all);
    }

    @Test
    void aFileWithoutTheTypeColumnIsAllCurve() throws IOException {
        Path dir = Fixtures.copy(tmp);
        ResultsFolder f = ResultsReader.read(dir);
        CsvTable t = f.table("memory.csv");
        assertEquals(t.maps().size(), MemoryCsv.curveRows(t).size());
    }
}
