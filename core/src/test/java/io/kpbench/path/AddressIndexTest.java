package io.kpbench.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IPv6 routing lookups: the address index and a node's IPv6 pod CIDR test. */
class AddressIndexTest {
    @Test
    void everyMappedAddressIsFoundAndAnUnknownOneIsNot() {
        AddressIndex index = new AddressIndex();
        for (int i = 0; i < 500; i++) {
            IpAddress a = IpAddress.parse("fd00:10:244:" + Integer.toHexString(i % 7) + "::" + Integer.toHexString(i));
            index.putIfAbsent(a, i);
        }
        for (int i = 0; i < 500; i++) {
            IpAddress a = IpAddress.parse("fd00:10:244:" + Integer.toHexString(i % 7) + "::" + Integer.toHexString(i));
            assertEquals(i, index.get(a.hi(), a.lo()), a.toString());
        }
        IpAddress unknown = IpAddress.parse("fd00:10:244:9::1");
        assertEquals(ClusterNetwork.NONE, index.get(unknown.hi(), unknown.lo()));
    }

    @Test
    void aSecondMappingOfAnAddressKeepsTheFirst() {
        IpAddress a = IpAddress.parse("fd00:10:244:1::20");
        IpAddress b = IpAddress.parse("fd00:10:244:2::20");
        AddressIndex index = new AddressIndex();
        index.putIfAbsent(a, 1);
        index.putIfAbsent(b, 2);
        index.putIfAbsent(a, 3);
        assertEquals(1, index.get(a.hi(), a.lo()), "the first mapping stays");
        assertEquals(2, index.get(b.hi(), b.lo()));
    }

    @Test
    void aNodeHostsExactlyTheAddressesOfItsIpv6PodCidr() {
        for (String cidr : List.of("fd00:10:244:100::/56", "fd00:10:244:1::/64", "fd00:10:244:1::100/120")) {
            Cidr c = Cidr.parse(cidr);
            Node n = new Node("n", List.of(new NodeAddress(NodeAddress.INTERNAL_IP, "fd00::1",
                    IpAddress.parse("fd00::1"))), Map.of(), List.of(c));
            ClusterNode node = new ClusterNode(0, "n", NodeAddresses.of(n), null, c, null, null, null, null, null);
            IpAddress first = c.address(0);
            IpAddress inside = c.address((1L << Math.min(62, c.hostBits())) - 1);
            IpAddress below = first.lo() == 0 ? new IpAddress(first.hi() - 1, -1L)
                    : new IpAddress(first.hi(), first.lo() - 1);
            assertTrue(node.hostsPodAddress6(first.hi(), first.lo()), cidr);
            assertTrue(node.hostsPodAddress6(inside.hi(), inside.lo()), cidr + " " + inside);
            assertFalse(node.hostsPodAddress6(below.hi(), below.lo()), cidr + " " + below);
        }
    }
}
