package io.kpbench.cluster.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.cluster.ClusterSnapshot;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class SyntheticClusterPropertyTest {

    @Property(tries = 60, edgeCases = EdgeCasesMode.MIXIN)
    void everyGeneratedClusterKeepsTheInvariantsAndIsReproducible(
            @ForAll @IntRange(max = 300) int services, @ForAll("endpoints") String endpoints,
            @ForAll @IntRange(min = 1, max = 40) int nodes, @ForAll("types") String types,
            @ForAll @IntRange(min = 1, max = 4) int ports, @ForAll @DoubleRange(max = 1) double local,
            @ForAll @DoubleRange(max = 1) double terminating, @ForAll @DoubleRange(max = 1) double hints,
            @ForAll long seed) {
        SyntheticSpec spec = SyntheticSpec.parse("services=" + services + ",endpoints=" + endpoints + ",nodes="
                + nodes + ",zones=" + Math.min(nodes, 3) + ",types=" + types + ",ports=" + ports + ",local=" + local
                + ",terminating=" + terminating + ",hints=" + hints + ",affinity=0.5,seed=" + seed);
        ClusterSnapshot c = SyntheticCluster.generate(spec);
        ClusterInvariants.check(spec, c);
        assertEquals(c, SyntheticCluster.generate(SyntheticSpec.parse(spec.toString())));
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 120).map(String::valueOf),
                Arbitraries.integers().between(0, 40).map(n -> "uniform:" + n + "-" + (n + 90)),
                Arbitraries.of("zipf:1-300:1.1", "zipf:0-50:2.0", "zipf:3-1000:0.8"));
    }

    @Provide
    Arbitrary<String> types() {
        return Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 2))
                .as((a, b, c) -> "ClusterIP:" + a + "+NodePort:" + b + "+LoadBalancer:" + c);
    }
}
