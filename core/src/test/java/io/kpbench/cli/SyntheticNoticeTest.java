package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A command that needs a cluster and got none says, in one stderr line, which synthetic cluster it uses. */
class SyntheticNoticeTest {
    private static final String NOTICE =
            "kpbench: no -f given: using the synthetic cluster services=100,endpoints=3,nodes=3,seed=1\n";

    @Test
    void validateWithoutManifestsAnnouncesTheDefaultSyntheticCluster() {
        CliRun r = CliRun.of("validate");
        assertEquals(0, r.code(), r.err());
        assertEquals(NOTICE, r.err());
        assertTrue(r.out().startsWith("services:   100"), r.out());
    }

    @Test
    void renderWithoutManifestsAnnouncesItToo() {
        CliRun r = CliRun.of("render", "--mode", "ipvs");
        assertEquals(0, r.code(), r.err());
        assertEquals(NOTICE, r.err());
    }

    @Test
    void anExplicitSyntheticClusterOrManifestNeedNoNotice() {
        assertEquals("", CliRun.of("validate", "--synthetic", "services=5").err());
        assertEquals("", CliRun.of("validate", "-f", "../scenarios/seed-nginx.yaml").err());
    }

    @Test
    void aBadFlagWithoutManifestsIsStillTheOnlyLine() {
        CliRun mode = CliRun.of("walk", "--mode", "iptabels", "--from", "client", "--to", "x:80");
        assertEquals(2, mode.code(), mode.err());
        assertTrue(mode.oneLineError(), mode.err());
        assertTrue(mode.err().startsWith("kpbench: --mode: "), mode.err());
        CliRun cidr = CliRun.of("render", "--mode", "iptables", "--cluster-cidr", "10.244.0.0/33");
        assertEquals(2, cidr.code(), cidr.err());
        assertTrue(cidr.oneLineError(), cidr.err());
        assertTrue(cidr.err().startsWith("kpbench: --cluster-cidr: "), cidr.err());
    }
}
