package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code kpbench walk} on the EKS dump to {@code kubernetes.default}, whose endpoints are the API server's ENIs in the
 * VPC: both packets are replied, and the text names the host outside the cluster that took them.
 */
class WalkOffClusterCommandTest {
    private static final String HOST = "(outside the cluster: no pod or node has this address)";

    @Test
    void walkToTheEksApiServerNamesTheHostOutsideTheClusterAndRepliesBothPackets() {
        CliRun r = CliRun.of("walk", "-f", "../scenarios/kubectl-get-eks.yaml", "--mode", "iptables", "--from",
                "pod/kube-system/coredns-668d6bf9bc-4xk7n", "--to", "http://kubernetes.default.svc.cluster.local:443/");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("NO_ROUTE") || r.out().contains("TABLE_FULL"), r.out());
        assertEquals(2, r.out().split(" => REPLIED\n", -1).length - 1, r.out());
        assertTrue(r.out().contains("packet 2 [conntrack fast path]"), r.out());
        assertTrue(r.out().contains("-> Host 192.168.") && r.out().contains(HOST + ": routed out of "
                + "ip-192-168-12-34.ec2.internal through its default route; the host answers"), r.out());
        String[] lines = r.out().split("\n");
        assertTrue(lines[lines.length - 2].matches("Pod kube-system/coredns-668d6bf9bc-4xk7n -> Cluster DNS \\(A\\) "
                + "-> kube-proxy iptables \\(ClusterIP: DNAT\\) -> Host 192\\.168\\.\\d+\\.\\d+ \\Q" + HOST + "\\E"),
                lines[lines.length - 2]);
        assertTrue(lines[lines.length - 1].matches("Host 192\\.168\\.\\d+\\.\\d+ -> conntrack on "
                + "ip-192-168-12-34\\.ec2\\.internal \\(src 10\\.100\\.0\\.1:443\\) -> "
                + "Pod kube-system/coredns-668d6bf9bc-4xk7n"), lines[lines.length - 1]);
    }
}
