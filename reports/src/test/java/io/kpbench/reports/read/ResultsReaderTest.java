package io.kpbench.reports.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.common.UserError;
import io.kpbench.reports.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsEveryPartOfTheFixture() {
        ResultsFolder f = ResultsReader.read(Fixtures.source());
        assertEquals(168, f.records().size());
        assertNotNull(f.run());
        assertEquals("fixture000000", f.run().text("gitSha"));
        assertEquals(List.of("arms.csv", "forks.csv", "lb-disruption.csv", "lb-distribution.csv", "memory.csv",
                "programming-latency.csv", "ratios.csv"), List.copyOf(f.csv().keySet()));
        assertTrue(f.notes().isEmpty(), f.notes().toString());
        assertEquals(List.of(), f.problems());
    }

    @Test
    void readsHgrmSpectraAndTheScenarioThatIsOnlyInTheIntervalLog() {
        ResultsFolder f = ResultsReader.read(Fixtures.source());
        assertEquals(10, f.spectra().size());
        PercentileSpectrum ipt = f.spectra().stream().filter(s -> s.mode().equals("IPTABLES")
                && s.scenario().equals("clusterip")).findFirst().orElseThrow();
        assertEquals(60000, ipt.totalCount());
        assertTrue(ipt.valueAt(0.5) > 5 && ipt.valueAt(0.5) < 15, "median in µs: " + ipt.valueAt(0.5));
        PercentileSpectrum nodeport = f.spectra().stream().filter(s -> s.scenario().equals("nodeport")
                && s.mode().equals("IPTABLES")).findFirst().orElseThrow();
        assertEquals(60000, nodeport.totalCount());
        assertTrue(nodeport.valueAt(0.5) > ipt.valueAt(0.5), "nodeport is recorded twice as slow");
    }

    @Test
    void aMissingRunJsonIsANoteNotAnError() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.delete(dir.resolve("run.json"));
        ResultsFolder f = ResultsReader.read(dir);
        assertNull(f.run());
        assertTrue(f.notes().contains("run.json is missing: no run metadata (JVM, host, commit)."), f.notes().toString());
        assertEquals(168, f.records().size());
    }

    @Test
    void aFolderWithOnlyACsvIsAResultsFolder() throws IOException {
        Files.writeString(tmp.resolve("memory.csv"), "mode,services,endpoints,retainedBytes\nIPVS,10,1,100\n");
        ResultsFolder f = ResultsReader.read(tmp);
        assertTrue(f.records().isEmpty());
        assertEquals(List.of(new ResultsFolder.Problem(tmp.resolve("jmh.json"), "missing (no JMH benchmark results)")),
                f.problems());
        assertEquals(1, f.table("memory.csv").rows().size());
    }

    @Test
    void anEmptyFolderIsNotAResultsFolder() {
        UserError e = assertThrows(UserError.class, () -> ResultsReader.read(tmp));
        assertEquals(tmp + ": not a results folder (no jmh.json, run.json or CSV)", e.getMessage());
    }

    @Test
    void anEmptyJmhJsonIsAProblemNamingTheFile() throws IOException {
        Files.writeString(tmp.resolve("jmh.json"), "");
        ResultsFolder f = ResultsReader.read(tmp);
        assertEquals(tmp.resolve("jmh.json") + ": empty (JMH wrote nothing)", f.problems().get(0).line());
        assertEquals("jmh.json: empty (JMH wrote nothing)", f.problems().get(0).note());
    }

    @Test
    void aJmhJsonWithNoRecordsIsAProblem() throws IOException {
        Files.writeString(tmp.resolve("jmh.json"), "[]\n");
        assertEquals(List.of(new ResultsFolder.Problem(tmp.resolve("jmh.json"), "no benchmark results (JMH wrote "
                + "none, or every benchmark failed)")), ResultsReader.read(tmp).problems());
    }

    @Test
    void aShardThatHeldNoBenchmarkCellsHasAnEmptyJmhJsonAsANoteButAShardThatHeldSomeStillFails() throws IOException {
        Files.writeString(tmp.resolve("jmh.json"), "[]\n");
        Files.writeString(tmp.resolve("run.json"), "{\"shard\": {\"index\": 25, \"count\": 30, \"cells\": 0}}\n");
        ResultsFolder f = ResultsReader.read(tmp);
        assertEquals(List.of(), f.problems());
        assertTrue(f.notes().contains("jmh.json has no benchmark results: shard 25/30 held no benchmark cells and ran "
                + "only its experiments."), f.notes().toString());

        Files.writeString(tmp.resolve("run.json"), "{\"shard\": {\"index\": 2, \"count\": 30, \"cells\": 3}}\n");
        assertEquals(List.of(new ResultsFolder.Problem(tmp.resolve("jmh.json"), "no benchmark results (JMH wrote "
                + "none, or every benchmark failed)")), ResultsReader.read(tmp).problems());
    }

    @Test
    void aBinaryCsvAndAGarbledRunJsonAreProblemsNamingEachFile() throws IOException {
        Path dir = Fixtures.copy(tmp);
        Files.write(dir.resolve("memory.csv"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        Files.writeString(dir.resolve("run.json"), "{\"runId\": \"x\",\n  \"gitSha\" \"abc\"}");
        ResultsFolder f = ResultsReader.read(dir);
        assertEquals(List.of(dir.resolve("memory.csv") + ": not UTF-8 text (comma-separated values expected)",
                dir.resolve("run.json") + ": not valid JSON at line 2, column 12"),
                f.problems().stream().map(ResultsFolder.Problem::line).toList());
        assertEquals(168, f.records().size(), "the rest is still read");
    }

    @Test
    void aFileOrAMissingPathIsNotAFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("jmh.json"), "[]");
        assertEquals(file + ": not a folder (a results folder such as results/<UTC>-<sha>/ expected)",
                assertThrows(UserError.class, () -> ResultsReader.read(file)).getMessage());
        assertEquals(tmp.resolve("nope") + ": no such folder",
                assertThrows(UserError.class, () -> ResultsReader.read(tmp.resolve("nope"))).getMessage());
    }
}
