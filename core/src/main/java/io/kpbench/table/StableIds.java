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
        Map<String, Integer> next = new HashMap<>(keys.size() * 2);
        BitSet used = new BitSet();
        used.set(0);
        for (String k : keys) {
            Integer id = ids.get(k);
            if (id != null) {
                next.put(k, id);
                used.set(id);
            }
        }
        int max = 0;
        int cursor = 1;
        for (String k : keys) {
            Integer id = next.get(k);
            if (id == null) {
                cursor = used.nextClearBit(cursor);
                id = cursor;
                used.set(cursor);
                next.put(k, id);
            }
            max = Math.max(max, id);
        }
        return new StableIds(next, max);
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
