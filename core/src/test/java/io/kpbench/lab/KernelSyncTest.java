package io.kpbench.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kernel-applied syncs: skipped with one line where the lab cannot run; where it can (root, ip netns,
 * iptables-nft, nft), the applied partial syncs are really in the lab namespace's netfilter, the host's rules are
 * unchanged and no namespace is left behind.
 */
class KernelSyncTest {

    @Test
    void whereTheLabCannotRunTheSkipIsOneLineNamingWhatIsMissing() {
        String missing = KernelSync.missing();
        if (missing != null) {
            assertFalse(missing.contains("\n"), missing);
            assertTrue(missing.startsWith("kernel-sync skipped: missing "), missing);
        }
    }

    @Test
    void theAppliedPartialSyncIsListedBackFromTheNamespacesNetfilter() {
        String missing = KernelSync.missing();
        assumeTrue(missing == null, missing);
        KernelSync.Cell cell = new KernelSync.Cell(200);
        try (Topology topo = Topology.create(LabNames.fresh())) {
            for (KernelBackend b : List.of(KernelBackend.IPTABLES_NFT, KernelBackend.NFTABLES)) {
                KernelSync.Applied a = cell.apply(topo.names().node(), b);
                assertTrue(a.listed().contains(cell.newPod), b + ": the new pod " + cell.newPod
                        + " is in the namespace's rules");
                assertTrue(a.listed().contains("KUBE-SERVICES") || a.listed().contains("services"), b.toString());
                assertEquals(List.of("full", "partial"), a.rows().stream().map(KernelSync.Row::kind).toList());
                assertTrue(a.rows().get(1).lines() < a.rows().get(0).lines(), b + ": " + a.rows());
            }
        }
    }

    @Test
    void aRunLeavesTheHostRulesUnchangedAndNoNamespacesBehind() {
        String missing = KernelSync.missing();
        assumeTrue(missing == null, missing);
        HostRules before = HostRules.capture();
        StringWriter log = new StringWriter();
        List<KernelSync.Row> rows = KernelSync.run(List.of(100), new PrintWriter(log, true));
        assertEquals(4, rows.size(), log.toString());
        for (KernelSync.Row r : rows) {
            assertTrue(r.ms() > 0 && r.lines() > 0, r.csv());
        }
        assertEquals(before.text(), HostRules.capture().text());
        String mine = LabNames.PREFIX + ProcessHandle.current().pid() + "x";
        assertFalse(Shell.run(null, "ip", "netns", "list").out().contains(mine), "lab namespaces left behind");
    }
}
