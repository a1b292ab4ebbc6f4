package io.kpbench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void whitespaceAndLeadingZerosAreToleratedAsKubeProxyDoes() {
        assertEquals("203.0.113.0/25", Cidr.parse(" 203.0.113.0/25").toString());
        assertEquals("203.0.113.0/25", Cidr.parse("203.0.113.000/025").toString());
    }

    @Test
    void hostBitsAreMaskedOff() {
        assertEquals("10.244.1.0/24", Cidr.parse("10.244.1.77/24").toString());
        assertEquals("fd00:10::/64", Cidr.parse("fd00:10::99/64").toString());
    }

    @Test
    void containsChecksPrefixAndFamily() {
        Cidr c = Cidr.parse("10.0.0.0/8");
        assertTrue(c.contains(IpAddress.parse("10.255.1.2")));
        assertFalse(c.contains(IpAddress.parse("11.0.0.1")));
        assertFalse(c.contains(IpAddress.parse("::a00:1")));
        assertTrue(c.containsV4(IpAddress.parse("10.9.9.9").v4()));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("8.8.8.8")));
        assertTrue(Cidr.parse("fd00::/8").contains(IpAddress.parse("fdff::1")));
        assertFalse(Cidr.parse("fd00::/8").contains(IpAddress.parse("fe00::1")));
    }

    @Test
    void overlappingPrefixesAreDetected() {
        assertTrue(Cidr.parse("10.96.0.0/12").overlaps(Cidr.parse("10.100.0.0/16")));
        assertFalse(Cidr.parse("10.96.0.0/12").overlaps(Cidr.parse("10.244.0.0/16")));
    }

    @Test
    void addressesAreNumberedFromTheBase() {
        assertEquals("10.96.1.0", Cidr.parse("10.96.0.0/12").address(256).toString());
        assertEquals("fd00::1:0:0:0", Cidr.parse("fd00::/64").address(1L << 48).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "/8", "10.0.0.0/-1", "fd00::/129",
        "10.0.0.0/8/8", "ten/8", "10.0.0.0/1a"})
    void malformedCidrsAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }
}
