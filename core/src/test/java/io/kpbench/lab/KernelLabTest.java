package io.kpbench.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelLabTest {
    @TempDir
    Path out;

    @Test
    void labAtOneHundredServicesLeavesTheHostRulesUnchangedAndNoNamespacesBehind() throws Exception {
        List<KernelBackend> all = List.of(KernelBackend.values());
        String missing = Preflight.missing(all);
        assumeTrue(missing == null, missing);
        HostRules before = HostRules.capture();
        StringWriter log = new StringWriter();
        List<LabRow> rows = new KernelLab(new LabOptions(List.of(100), all, out, 100, 200), new PrintWriter(log))
                .run();
        KernelLab.write(out, rows, "");
        HostRules.capture().checkUnchangedSince(before);
        assertEquals(before.text(), HostRules.capture().text());
        assertEquals(9, rows.size(), log.toString());
        assertEquals(10, Files.readAllLines(out.resolve("kernel-lab.csv")).size());
        String mine = LabNames.PREFIX + ProcessHandle.current().pid() + "x";
        assertFalse(Shell.run(null, "ip", "netns", "list").out().contains(mine), "lab namespaces left behind");
        for (LabRow r : rows) {
            assertTrue(r.firstP50Us() > 0 && r.establishedP50Us() > 0, r.csv());
        }
    }

    @Test
    void targetsSitFirstMiddleAndLastAndFollowTheChainsToTheirPodEvenWithoutSepComments() {
        List<LabCluster.Target> t = new LabCluster(2000).targets(); // over 1000 endpoints: no KUBE-SEP comments
        assertEquals(List.of(0, 999, 1999), t.stream().map(LabCluster.Target::rulesBefore).toList());
        for (LabCluster.Target x : t) {
            assertTrue(x.endpointIp().startsWith("10.244."), x.toString());
        }
    }

    @Test
    void commandsOutsideLabNamespacesAreRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Shell.nsArgv("default", "iptables", "-F"));
    }

    @Test
    void linearFitRecoversAnExactLine() {
        LinearFit f = LinearFit.of(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7});
        assertEquals(2.0, f.slope(), 1e-9);
        assertEquals(1.0, f.intercept(), 1e-9);
        assertEquals(1.0, f.r2(), 1e-9);
    }
}
