package io.kpbench.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class VirtualServerTable6Test {
    private static long key(AddressBook book, String ip, int proto, int port) {
        return ServiceKey.pack(book.id(IpAddress.parse(ip)), proto, port);
    }

    private static long lookup(VirtualServerTable t, String ip, int proto, int port) {
        IpAddress a = IpAddress.parse(ip);
        return t.lookup6(proto, a.hi(), a.lo(), IpvsHash.fold(a.hi(), a.lo()), port);
    }

    @Property(tries = 100)
    void behavesLikeAHashMapOnRandomIpv6AddRemoveAndLookup(
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 300) Integer> ops) {
        AddressBook book = new AddressBook(IpFamily.IPv6);
        VirtualServerTable t = new VirtualServerTable(4, 4, book);
        Map<Long, Integer> ref = new HashMap<>();
        for (int op : ops) {
            // fd00::a:a:a:a folds to 0xfd000000 for every a: all these share a fold and differ in the address
            String h = Integer.toHexString(op % 61);
            String ip = op % 2 == 0 ? "fd00::" + h + ":" + h + ":" + h + ":" + h
                    : "2001:db8::" + Integer.toHexString(op % 53);
            int proto = op % 3 == 0 ? 17 : 6;
            int port = 80 + op % 5;
            long key = key(book, ip, proto, port);
            Integer slot = ref.get(key);
            if (op % 4 == 0 && slot != null) {
                t.remove(slot);
                ref.remove(key);
            } else if (slot == null) {
                ref.put(key, t.add(key, 0, 0, 0, 0));
            }
            assertEquals(ref.size(), t.size());
            for (Map.Entry<Long, Integer> e : ref.entrySet()) {
                assertEquals((int) e.getValue(), t.find(e.getKey()));
            }
            int want = ref.containsKey(key) ? ref.get(key) : -1;
            assertEquals(want, (int) lookup(t, ip, proto, port) - 1, ip);
        }
    }

    @Test
    void anIpv6VirtualServerHashesTheFoldOfItsAddressAsIpVsSvcHashkeyDoes() {
        AddressBook book = new AddressBook(IpFamily.IPv6);
        VirtualServerTable t = new VirtualServerTable(8, 16, book);
        int s = t.add(key(book, "2020::1", 6, 80), 0, 0, 0, 0);
        int fold = 0x20200000 ^ 0 ^ 0 ^ 1;
        assertEquals((6 ^ fold ^ (80 >>> 8) ^ 80) & 255, t.bucketOfSlot(s));
    }

    @Test
    void addressesWithOneFoldShareAChainAndTheFullCompareTellsThemApart() {
        AddressBook book = new AddressBook(IpFamily.IPv6);
        VirtualServerTable t = new VirtualServerTable(8, 16, book);
        int a = t.add(key(book, "fd00::1:1:1:1", 6, 80), 0, 0, 0, 0);
        int b = t.add(key(book, "fd00::2:2:2:2", 6, 80), 0, 0, 0, 0);
        assertEquals(t.bucketOfSlot(a), t.bucketOfSlot(b));
        assertNotEquals(a, b);
        long ra = lookup(t, "fd00::1:1:1:1", 6, 80);
        assertEquals(a + 1, (int) ra);
        assertEquals(2, ra >>> 32, "b was added at the head, so a is the second node");
        assertEquals(b + 1, (int) lookup(t, "fd00::2:2:2:2", 6, 80));
        long miss = lookup(t, "fd00::3:3:3:3", 6, 80);
        assertEquals(0, (int) miss);
        assertEquals(2, miss >>> 32, "a miss walks the whole shared chain");
    }
}
