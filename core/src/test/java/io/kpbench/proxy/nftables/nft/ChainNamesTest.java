package io.kpbench.proxy.nftables.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** kube-proxy's Test_servicePortChainNameBase / Test_servicePortEndpointChainNameBase hashes. */
class ChainNamesTest {

    @ParameterizedTest
    @CsvSource({"ns1/svc1/tcp/p80,ULMVA6XW", "ns2/svc2/tcp/p80,42NFTM6N", "ns3/svc3/tcp/p80,4AT6LBPK",
        "ns4/svc4/tcp/p80,LAUZTJTB", "ns5/svc5/tcp/p80,HVFWP5L3", "ns2/svc2/tcp/p8080,MHHHYRWA",
        "ns1/svc1/tcp/p80__10.180.0.1/80,5OJB2KTY", "testing/service/tcp/http,P4ZYZVCF",
        "testing/service/tcp/https,LZBRENCP", "testing/service/tcp/http__10.180.0.1/80,JO2XBXZR",
        "testing/service/tcp/http__10.180.0.2/80,5S6H3H22",
        "testing/service/tcp/http__fd80.abcd.12..a1b2.c3d4.e5f6.9999/80,U7E2ET36"})
    void namesArePrefixedWithTheBase32OfTheirSha256(String name, String hash) {
        assertEquals(hash + "-" + name, ChainNames.hashAndTruncate(name));
    }

    @Test
    void overlongNamesAreTruncatedTo240CharactersEndingInDots() {
        String n = ChainNames.hashAndTruncate("x".repeat(300));
        assertEquals(240, n.length());
        assertTrue(n.endsWith("..."));
    }
}
