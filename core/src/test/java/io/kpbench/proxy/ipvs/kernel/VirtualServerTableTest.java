package io.kpbench.proxy.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class VirtualServerTableTest {
    private static long key(AddressBook book, String ip, int proto, int port) {
        return ServiceKey.pack(book.id(IpAddress.parse(ip)), proto, port);
    }

    /** The packet path's lookup of {@code ip}, hashing the word of its family as the classifier does. */
    private static long lookup(VirtualServerTable t, String ip, int proto, int port) {
        IpAddress a = IpAddress.parse(ip);
        return t.lookup(proto, a.hi(), a.lo(), IpvsHash.word(!a.isV4(), a.hi(), a.lo()), port);
    }

    /** Random add/remove/lookup of {@code ipOf(op)}:port against a HashMap of key to slot. */
    private static void behavesLikeAHashMap(IpFamily family, List<Integer> ops, IntFunction<String> ipOf) {
        AddressBook book = new AddressBook(family);
        VirtualServerTable t = new VirtualServerTable(4, 4, book);
        Map<Long, Integer> ref = new HashMap<>();
        for (int op : ops) {
            String ip = ipOf.apply(op);
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
            assertEquals(want, t.find(key), ip);
            assertEquals(want, (int) lookup(t, ip, proto, port) - 1, ip);
        }
    }

    @Property(tries = 100)
    void behavesLikeAHashMapOnRandomAddRemoveAndLookup(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 300) Integer> ops) {
        behavesLikeAHashMap(IpFamily.IPv4, ops, op -> IpAddress.formatV4(0x0A600000 + (op % 97)));
    }

    @Property(tries = 100)
    void behavesLikeAHashMapOnRandomIpv6AddRemoveAndLookup(
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 300) Integer> ops) {
        // fd00::a:a:a:a folds to 0xfd000000 for every a: all these share a fold and differ in the address
        behavesLikeAHashMap(IpFamily.IPv6, ops, op -> {
            String h = Integer.toHexString(op % 61);
            return op % 2 == 0 ? "fd00::" + h + ":" + h + ":" + h + ":" + h
                    : "2001:db8::" + Integer.toHexString(op % 53);
        });
    }

    @Test
    void usesTheKernelHashSoSequentialClusterIPsSpreadOverAll256Buckets() {
        VirtualServerTable t = new VirtualServerTable(8, 16);
        assertEquals((6 ^ 0x0A600001 ^ (443 >>> 8) ^ 443) & 255, t.bucketOf(6, 0x0A600001, 443));
        int services = 100_000;
        for (int i = 0; i < services; i++) {
            t.add(ServiceKey.pack(0x0A600000 + i, 6, 80), 0, 0, 0, 0);
        }
        int[] chains = t.chainLengths();
        assertEquals(256, chains.length);
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int c : chains) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        assertTrue(min >= 390 && max <= 391, "chains " + min + ".." + max);
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

    @Test
    void aHitWalksAboutHalfAChainAndAMissAllOfIt() {
        for (int services : new int[] {1_000, 10_000, 100_000}) {
            VirtualServerTable t = new VirtualServerTable(8, 16);
            java.util.Random rnd = new java.util.Random(services);
            int[] addrs = new int[services];
            for (int i = 0; i < services; i++) {
                addrs[i] = 0x0A600000 + rnd.nextInt(1 << 20);
                if (t.find(ServiceKey.pack(addrs[i], 6, 80)) < 0) {
                    t.add(ServiceKey.pack(addrs[i], 6, 80), 0, 0, 0, 0);
                }
            }
            long hit = 0;
            long miss = 0;
            for (int i = 0; i < 10_000; i++) {
                hit += lookup(t, IpAddress.formatV4(addrs[rnd.nextInt(services)]), 6, 80) >>> 32;
                miss += lookup(t, IpAddress.formatV4(0x0B000000 + rnd.nextInt(1 << 20)), 6, 80) >>> 32;
            }
            double mean = t.size() / 256.0;
            double hitMean = hit / 10_000.0;
            double missMean = miss / 10_000.0;
            System.out.printf("ipvs svc table: services=%d mean chain=%.1f hit visits=%.1f miss visits=%.1f%n",
                    t.size(), mean, hitMean, missMean);
            assertTrue(Math.abs(missMean - mean) < mean * 0.2 + 1, "miss " + missMean + " vs " + mean);
            assertTrue(hitMean > mean * 0.4 && hitMean < mean * 0.7 + 2, "hit " + hitMean + " vs " + mean);
        }
    }
}
