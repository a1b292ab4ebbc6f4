package io.kpbench.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 3: on generated clusters, every packet from every kind of source gets the same verdict, reachable endpoint
 * set and masquerade decision from the iptables and the nftables proxier, except for the nftables-only cases that
 * {@link ModeDifferences} documents (and that this test checks nftables really does).
 */
class IptablesNftablesAgreementTest {

    @Property(tries = 200)
    void nftablesAgreesWithIptablesExceptForTheDocumentedCases(@ForAll("clusters") GeneratedCluster g) {
        List<String> undocumented = ModeComparison.undocumentedDifferences(ProxyMode.NFTABLES, g);
        assertTrue(undocumented.isEmpty(), g + ": " + undocumented.size() + " undocumented differences, first "
                + undocumented.subList(0, Math.min(3, undocumented.size())));
    }

    @Provide
    Arbitrary<GeneratedCluster> clusters() {
        return GeneratedCluster.clusters();
    }
}
