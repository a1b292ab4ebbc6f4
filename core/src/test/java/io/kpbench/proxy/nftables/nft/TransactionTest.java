package io.kpbench.proxy.nftables.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.proxy.SyncStats;
import org.junit.jupiter.api.Test;

/** The counts a transaction reports from the lines it writes. */
class TransactionTest {
    @Test
    void rulesElementsAndDistinctChainsAreCountedFromEachLinesSecondAndFifthWords() {
        Transaction t = new Transaction("ip");
        t.ensureChain("services");
        t.ensureChain("service-ABC-ns/svc/tcp/p80");
        t.rule("services", "ip daddr . meta l4proto . th dport vmap @service-ips");
        t.line("add element ip kube-proxy service-ips { 10.96.0.1 . tcp . 443 : goto service-XYZ }");
        t.line("add element ip kube-proxy cluster-ips { 10.96.0.1 }");
        t.line("add rule ip kube-proxy services jump mark-for-masquerade");
        t.line("add table ip kube-proxy");
        t.line("add  rule ip kube-proxy services");
        SyncStats s = t.stats(true);
        assertEquals(10, s.lines());
        assertEquals(2, s.rules(), "two 'add rule' lines; a doubled space is no rule");
        assertEquals(2, s.mapElements());
        assertEquals(2, s.chains(), "ensureChain adds and flushes each of two chains");
    }
}
