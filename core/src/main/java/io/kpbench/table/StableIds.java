package io.kpbench.table;

import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Id allocation that survives syncs, for backend ids and rev-NAT (frontend) ids (and the userspace proxy's
 * endpoint ids): Cilium's agent keeps an id while
 * the backend or frontend exists and releases it afterwards; ids start at 1 (0 is invalid in
 * {@code cilium_lb4_backends_v3} and {@code cilium_lb4_reverse_nat}) and freed ids are reused lowest first.
 * Immutable: {@link #assign} returns the next allocation, so a failed sync changes nothing.
 */
public final class StableIds {
    private final Map<String, Integer> ids;
    private final int maxId;

    private StableIds(Map<String, Integer> ids, int maxId) {
        this.ids = ids;
        this.maxId = maxId;
    }

    /** No ids. */
    public static StableIds empty() {
        return new StableIds(Map.of(), 0);
    }

    /** The allocation for exactly {@code keys}: present keys keep their ids, new keys get the lowest free ids. */
    public StableIds assign(Collection<String> keys) {
        Map<String, Integer> next = keepOrAllocate(ids, keys);
        return new StableIds(next, maxOf(next));
    }

    /**
     * The ids of exactly {@code keys}: a key of {@code old} keeps its id, a new key gets the lowest id from 1 that no
     * kept key holds, in {@code keys}' order. Shared with {@link RefCountedIds#assignAll}.
     */
    static Map<String, Integer> keepOrAllocate(Map<String, Integer> old, Collection<String> keys) {
        Map<String, Integer> next = new HashMap<>(keys.size() * 2);
        BitSet used = new BitSet();
        used.set(0);
        for (String k : keys) {
            Integer id = old.get(k);
            if (id != null) {
                next.put(k, id);
                used.set(id);
            }
        }
        int cursor = 1;
        for (String k : keys) {
            if (!next.containsKey(k)) {
                cursor = used.nextClearBit(cursor);
                used.set(cursor);
                next.put(k, cursor);
            }
        }
        return next;
    }

    /** The highest id of {@code ids} (0 when empty). */
    static int maxOf(Map<String, Integer> ids) {
        int max = 0;
        for (int id : ids.values()) {
            max = Math.max(max, id);
        }
        return max;
    }

    /** The id of {@code key} ({@code ip:port/PROTO}), or -1. */
    public int id(String key) {
        Integer id = ids.get(key);
        return id == null ? -1 : id;
    }

    /** The highest id in use (0 when none). */
    public int maxId() {
        return maxId;
    }

    /** The number of ids in use. */
    public int size() {
        return ids.size();
    }
}
