package io.kpbench.cluster.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.Cidr;
import java.util.SplittableRandom;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticSpecTest {

    @Test
    void defaultsAreAHundredClusterIPServicesOfThreeEndpointsOnThreeNodes() {
        SyntheticSpec d = SyntheticSpec.defaults();
        assertEquals(100, d.services());
        assertEquals(CountDistribution.fixed(3), d.endpoints());
        assertEquals(3, d.nodes());
        assertEquals(3, d.zones());
        assertEquals(TypeMix.clusterIPOnly(), d.types());
        assertEquals(1L, d.seed());
        assertEquals(Cidr.parse("10.96.0.0/12"), d.serviceCidr());
        assertEquals(Cidr.parse("10.244.0.0/16"), d.podCidr());
        assertNull(d.lbCidr());
        assertEquals(d, SyntheticSpec.parse(""));
    }

    @Test
    void givenKeysOverrideTheDefaults() {
        SyntheticSpec s = SyntheticSpec.parse(" services=1000 , endpoints=zipf:1-1000:1.2,nodes=20,"
                + "types=ClusterIP:70+NodePort:20+LoadBalancer:10,local=0.5,seed=-7");
        assertEquals(1000, s.services());
        assertEquals(new CountDistribution(CountDistribution.Kind.ZIPF, 1, 1000, 1.2), s.endpoints());
        assertEquals(new TypeMix(70, 20, 10), s.types());
        assertEquals(0.5, s.local());
        assertEquals(-7L, s.seed());
        assertEquals(3, s.zones());
    }

    @Test
    void theCanonicalTextParsesBackToAnEqualSpec() {
        SyntheticSpec s = SyntheticSpec.parse("endpoints=uniform:1-100,types=NodePort:3+LoadBalancer:1,"
                + "lbCidr=198.51.100.0/24,terminating=0.25");
        assertEquals(s, SyntheticSpec.parse(s.toString()));
        assertTrue(s.toString().contains("types=NodePort:3+LoadBalancer:1"), s.toString());
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.MIXIN)
    void everyValidSpecRoundTripsThroughItsText(@ForAll @IntRange(max = 5000) int services,
            @ForAll @IntRange(min = 1, max = 50) int nodes, @ForAll @DoubleRange(max = 1) double local,
            @ForAll @IntRange(max = 10) int lbWeight, @ForAll long seed) {
        SyntheticSpec s = SyntheticSpec.parse("services=" + services + ",nodes=" + nodes + ",zones=1,local=" + local
                + ",types=ClusterIP:10+LoadBalancer:" + lbWeight + ",seed=" + seed);
        assertEquals(s, SyntheticSpec.parse(s.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bogus=1|bogus",
        "services=-1|services",
        "services=lots|services",
        "services=1048574|services",
        "services=1,services=2|services",
        "endpoints=zipf:1-10|endpoints",
        "endpoints=uniform:5-1|endpoints",
        "endpoints=-3|endpoints",
        "nodes=0|nodes",
        "zones=4|zones",
        "namespaces=0|namespaces",
        "types=Foo:1|types",
        "types=ClusterIP:70,NodePort:30|types",
        "types=ClusterIP:-1+NodePort:2|types",
        "types=NodePort,services=2769|types",
        "types=NodePort,ports=2,services=1385|types",
        "types=LoadBalancer,services=300,lbCidr=198.51.100.0/24|lbCidr",
        "ports=0|ports",
        "local=1.5|local",
        "affinity=-0.1|affinity",
        "terminating=half|terminating",
        "udp=NaN|udp",
        "seed=x|seed",
        "serviceCidr=10.0.0.0/8|serviceCidr",
        "serviceCidr=fd00::/112|serviceCidr",
        "podCidr=10.96.0.0/16|podCidr",
        "nodeCidr=10.244.1.0/24|nodeCidr",
        "lbCidr=10.244.0.0/24|lbCidr",
        "nodePortRange=32767-30000|nodePortRange",
        "services|services",
    })
    void badSpecsAreRefusedWithAOneLineReasonNamingTheKey(String text, String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.parse(text));
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertTrue(e.getMessage().indexOf('\n') < 0, e.getMessage());
    }

    @Test
    void typeWeightsAreApportionedExactly() {
        assertArrayEquals(new int[] {700, 200, 100}, new TypeMix(70, 20, 10).apportion(1000));
        assertArrayEquals(new int[] {2, 2, 1}, new TypeMix(1, 1, 1).apportion(5));
        assertArrayEquals(new int[] {0, 7, 0}, TypeMix.parse("NodePort").apportion(7));
    }

    @Test
    void zipfCountsFavourTheMinimumAndStayInRange() {
        CountDistribution.Sampler z = CountDistribution.parse("zipf:1-1000:1.2").sampler();
        SplittableRandom rng = new SplittableRandom(3);
        int ones = 0;
        int big = 0;
        for (int i = 0; i < 10_000; i++) {
            int n = z.next(rng);
            assertTrue(n >= 1 && n <= 1000, "out of range: " + n);
            ones += n == 1 ? 1 : 0;
            big += n > 100 ? 1 : 0;
        }
        assertTrue(ones > 1800 && ones < 2800, "P(1) should be about 0.23, got " + ones / 1e4);
        assertTrue(big > 1300 && big < 2100, "P(>100) should be about 0.17, got " + big / 1e4);
    }

    @Test
    void uniformCountsCoverTheirRange() {
        CountDistribution.Sampler u = CountDistribution.parse("uniform:2-4").sampler();
        SplittableRandom rng = new SplittableRandom(3);
        int[] seen = new int[5];
        for (int i = 0; i < 1000; i++) {
            seen[u.next(rng)]++;
        }
        assertEquals(0, seen[0] + seen[1]);
        assertTrue(seen[2] > 250 && seen[3] > 250 && seen[4] > 250);
    }
}
