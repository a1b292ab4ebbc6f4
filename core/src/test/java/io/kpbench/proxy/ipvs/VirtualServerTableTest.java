package io.kpbench.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class VirtualServerTableTest {
    @Property(tries = 100)
    void behavesLikeAHashMapOnRandomAddRemoveAndLookup(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 300) Integer> ops) {
        VirtualServerTable t = new VirtualServerTable(4, 4);
        Map<Long, Integer> ref = new HashMap<>();
        for (int op : ops) {
            long key = ServiceKey.pack(0x0A600000 + (op % 97), op % 3 == 0 ? 17 : 6, 80 + op % 5);
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
            assertEquals(ref.containsKey(key) ? (int) ref.get(key) : -1, t.find(key));
        }
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
                hit += t.lookup(6, addrs[rnd.nextInt(services)], 80) >>> 32;
                miss += t.lookup(6, 0x0B000000 + rnd.nextInt(1 << 20), 80) >>> 32;
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
