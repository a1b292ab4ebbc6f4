package io.kpbench.proxy.iptables.netfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChainNamesTest {

    @ParameterizedTest
    @CsvSource({
        "ns1/svc1:p80, tcp, XPGD46QRK7WJZT7O",
        "ns2/svc2:p80, tcp, GNZBNJ2PO5MGZ6GT",
        "ns3/svc3:p80, tcp, X27LE4BHSL4DOUIK",
        "ns4/svc4:p80, tcp, 4SW47YFZTEDKD3PK",
        "ns5/svc5:p80, tcp, NUKIZ6OKUXPJNT4C",
        "ns4/svc4:p8082, tcp, EBDQOQU5SJFXRIL3",
        "ns2/svc2:p8080, tcp, 2VJB64SDSIJUP5T6",
    })
    void servicePortHashMatchesKubeProxysVerifiedExamples(String name, String proto, String hash) {
        assertEquals(hash, ChainNames.portProtoHash(name, proto));
    }

    @ParameterizedTest
    @CsvSource({
        "ns1/svc1:p80, 10.180.0.1:80, KUBE-SEP-SXIVWICOYRO3J4NJ",
        "ns1/svc1:p80, 10.0.0.0:80, KUBE-SEP-DKGQUZGBKLTPAR56",
        "ns4/svc4:p8082, 10.4.0.1:8082, KUBE-SEP-SU5STNODRYEWJAUF",
        "ns5/svc5:p80, 10.180.0.3:80, KUBE-SEP-I77PXRDZVX7PMWMN",
        "ns3/svc3:p80, 10.180.0.3:80, KUBE-SEP-OYPFS5VJICHGATKP",
        "ns1/svc1:p80, 10.0.1.1:80, KUBE-SEP-SNQ3ZNILQDEJNDQO",
        "ns3/svc3:p8081, 203.0.113.4:8081, KUBE-SEP-RUVVH7YV3PHQBDOS",
    })
    void endpointChainHashIncludesTheEndpointString(String name, String endpoint, String chain) {
        assertEquals(chain, ChainNames.endpointChain(name, "tcp", endpoint));
    }

    @Test
    void onlyPerServiceChainsCountAsServiceChains() {
        assertTrue(ChainNames.isServiceChain("KUBE-SVL-GNZBNJ2PO5MGZ6GT"));
        assertTrue(ChainNames.isServiceChain("KUBE-FW-GNZBNJ2PO5MGZ6GT"));
        assertFalse(ChainNames.isServiceChain("KUBE-SERVICES"));
        assertFalse(ChainNames.isServiceChain("KUBE-MARK-MASQ"));
    }
}
