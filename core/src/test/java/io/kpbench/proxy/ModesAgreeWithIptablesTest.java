package io.kpbench.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: on generated clusters every mode agrees with iptables (kube-proxy's default, the reference) on
 * verdicts, reachable endpoints and masquerade, except for the rows of {@link ModeDifferences}; and each row is
 * needed by some generated cluster and written in {@code core/README.md}, so that the table holds no stale entry.
 */
class ModesAgreeWithIptablesTest {

    @Property(tries = 200)
    void everyModeAgreesWithIptablesExceptForItsDocumentedDifferences(@ForAll("clusters") GeneratedCluster g,
            @ForAll("modes") ProxyMode mode) {
        List<String> undocumented = ModeComparison.undocumentedDifferences(mode, g);
        assertTrue(undocumented.isEmpty(), mode + " on " + g + ": " + undocumented.size()
                + " undocumented differences, first " + undocumented.subList(0, Math.min(3, undocumented.size())));
    }

    @Test
    void everyDocumentedDifferenceShowsUpOnGeneratedClusters() {
        Set<ModeDifferences.Difference> seen = new LinkedHashSet<>();
        for (long seed = 1; seed <= 6; seed++) {
            GeneratedCluster g = GeneratedCluster.of(new GeneratedCluster.Knobs(40, 3, 4, 0.5, 0.3, 0.5, seed));
            for (ProxyMode mode : ProxyMode.values()) {
                if (mode != ProxyMode.IPTABLES) {
                    seen.addAll(ModeComparison.differencesSeen(mode, g));
                }
            }
        }
        List<String> unseen = new ArrayList<>();
        for (ModeDifferences.Difference d : ModeDifferences.ALL) {
            if (!seen.contains(d)) {
                unseen.add(d.mode() + ": " + d.situation());
            }
        }
        assertTrue(unseen.isEmpty(), "documented but never needed: " + unseen);
    }

    @Test
    void everyDocumentedDifferenceIsARowOfTheCoreReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md")).replace("`", "");
        List<String> missing = new ArrayList<>();
        for (ModeDifferences.Difference d : ModeDifferences.ALL) {
            if (!readme.contains("| " + d.mode().cliName() + " | " + d.situation() + " | ")) {
                missing.add(d.mode() + ": " + d.situation());
            }
        }
        assertTrue(missing.isEmpty(), "not in core/README.md \"How the modes differ\": " + missing);
    }

    @Provide
    Arbitrary<GeneratedCluster> clusters() {
        return GeneratedCluster.clusters();
    }

    @Provide
    Arbitrary<ProxyMode> modes() {
        return net.jqwik.api.Arbitraries.of(ProxyMode.NFTABLES, ProxyMode.IPVS, ProxyMode.EBPF, ProxyMode.USERSPACE);
    }
}
