package io.kpbench.reports.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.common.StudentT;
import io.kpbench.reports.read.JmhJsonReader;
import io.kpbench.reports.read.JmhRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhScoreErrorTest {
    @TempDir
    Path tmp;

    /** A record as JMH 1.37 wrote it in benchmarks/reference-results (three iterations, one fork). */
    @Test
    void reproducesJmhsScoreErrorFromItsRawData() throws IOException {
        Path f = Files.writeString(tmp.resolve("jmh.json"), "[{\"benchmark\":\"io.kpbench.bench.A0BaselineBenchmark"
                + ".returnField\",\"mode\":\"avgt\",\"threads\":1,\"forks\":1,\"primaryMetric\":{\"score\":"
                + "0.4441072046935513,\"scoreError\":0.23239555477445337,\"scoreUnit\":\"ns/op\",\"rawData\":"
                + "[[0.4425277848395282,0.4322321795106417,0.457561649730484]]}}]");
        JmhRecord r = JmhJsonReader.read(f).records().get(0);
        List<Double> xs = r.samples();
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        double error = StudentT.quantile(0.9995, xs.size() - 1) * Math.sqrt(ss / (xs.size() - 1) / xs.size());
        assertEquals(r.primary().error(), error, 1e-9);
    }
}
