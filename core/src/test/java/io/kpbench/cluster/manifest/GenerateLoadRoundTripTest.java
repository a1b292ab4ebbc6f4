package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ClusterSummary;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** {@code generate} then {@code validate}: the written YAML loads back to the very cluster that was generated. */
class GenerateLoadRoundTripTest {

    @Property(tries = 40)
    void aGeneratedClusterWrittenAsYamlLoadsBackToIdenticalObjectsAndCounts(
            @ForAll @IntRange(max = 120) int services, @ForAll("endpoints") String endpoints,
            @ForAll @IntRange(min = 1, max = 12) int nodes, @ForAll @IntRange(max = 3) int nodePorts,
            @ForAll @IntRange(max = 2) int loadBalancers, @ForAll @IntRange(min = 1, max = 3) int ports,
            @ForAll @DoubleRange(max = 1) double local, @ForAll @DoubleRange(max = 1) double affinity,
            @ForAll @DoubleRange(max = 1) double terminating, @ForAll @DoubleRange(max = 1) double hints,
            @ForAll long seed) throws IOException {
        SyntheticSpec spec = SyntheticSpec.parse("services=" + services + ",endpoints=" + endpoints + ",nodes="
                + nodes + ",types=ClusterIP:4+NodePort:" + nodePorts + "+LoadBalancer:" + loadBalancers + ",ports="
                + ports + ",local=" + local + ",affinity=" + affinity + ",terminating=" + terminating + ",hints="
                + hints + ",seed=" + seed);
        ClusterSnapshot generated = SyntheticCluster.generate(spec);
        StringWriter yaml = new StringWriter();
        ManifestWriter.write(generated, yaml);
        LoadResult loaded = ManifestLoader.load(List.of("-"),
                new ByteArrayInputStream(yaml.toString().getBytes(StandardCharsets.UTF_8)), LoadOptions.defaults());
        assertTrue(loaded.warnings().isEmpty(), loaded.warnings().toString());
        assertEquals(ClusterSummary.of(generated), ClusterSummary.of(loaded.snapshot()));
        assertEquals(generated.services(), loaded.snapshot().services());
        assertEquals(generated.slices(), loaded.snapshot().slices());
        assertEquals(generated.nodes(), loaded.snapshot().nodes());
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 150).map(String::valueOf),
                Arbitraries.of("uniform:1-30", "zipf:1-200:1.1"));
    }
}
