package io.kpbench.table;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Mutable, reference-counted id allocation for incremental syncs: Cilium's service manager
 * ({@code pkg/service}) refcounts each backend by the frontends that use it, allocates an id for a new backend and
 * releases the id when the last frontend lets go. Ids start at 1; a full allocation ({@link #assignAll}) keeps the
 * ids of present keys and gives new keys the lowest free ids, exactly as {@link StableIds#assign} does.
 *
 * <p>An id released by an incremental sync ({@link #release}) is not handed out again before the next
 * {@link #assignAll} (a grace period, as RCU's): a reader of an older generation may still hold a slot naming it,
 * and the entry behind it is left as it was. Not thread-safe: the control plane owns it.
 */
public final class RefCountedIds {
    private final Map<String, Integer> ids;
    private final Map<String, Integer> refs;
    /** Ids held by a key or released since the last {@link #assignAll} (not reusable yet). */
    private final BitSet taken;
    private int maxId;

    private RefCountedIds(Map<String, Integer> ids, Map<String, Integer> refs, BitSet taken, int maxId) {
        this.ids = ids;
        this.refs = refs;
        this.taken = taken;
        this.maxId = maxId;
    }

    /** No ids. */
    public static RefCountedIds empty() {
        return new RefCountedIds(new HashMap<>(), new HashMap<>(), new BitSet(), 0);
    }

    /** An independent copy (a full sync works on one, so that a failed sync changes nothing). */
    public RefCountedIds copy() {
        return new RefCountedIds(new HashMap<>(ids), new HashMap<>(refs), (BitSet) taken.clone(), maxId);
    }

    /**
     * Replaces the allocation with exactly the keys of {@code counts} (key to reference count, in order): present
     * keys keep their ids, new keys get the lowest free ids, released ids become free again.
     */
    public void assignAll(Map<String, Integer> counts) {
        Map<String, Integer> next = StableIds.keepOrAllocate(ids, counts.keySet());
        ids.clear();
        ids.putAll(next);
        refs.clear();
        refs.putAll(counts);
        taken.clear();
        taken.set(0);
        for (int id : next.values()) {
            taken.set(id);
        }
        maxId = StableIds.maxOf(next);
    }

    /** Takes one reference on {@code key}, allocating the lowest never-held id when it is new; returns the id. */
    public int acquire(String key) {
        Integer id = ids.get(key);
        if (id != null) {
            refs.merge(key, 1, Integer::sum);
            return id;
        }
        int fresh = taken.nextClearBit(1);
        taken.set(fresh);
        ids.put(key, fresh);
        refs.put(key, 1);
        maxId = Math.max(maxId, fresh);
        return fresh;
    }

    /** Drops one reference on {@code key}; returns true when that was the last (the id is released). */
    public boolean release(String key) {
        Integer n = refs.get(key);
        if (n == null) {
            throw new IllegalStateException("release of an id never acquired: " + key);
        }
        if (n > 1) {
            refs.put(key, n - 1);
            return false;
        }
        refs.remove(key);
        ids.remove(key);
        return true;
    }

    /** The id of {@code key}, or -1. */
    public int id(String key) {
        Integer id = ids.get(key);
        return id == null ? -1 : id;
    }

    /** The highest id held or released since the last {@link #assignAll} (0 when none). */
    public int maxId() {
        return maxId;
    }

    /** The highest id a new key could get now: an upper bound for {@code n} further {@link #acquire}s. */
    public int maxIdAfter(int n) {
        int id = 0;
        for (int i = 0, from = 1; i < n; i++) {
            id = taken.nextClearBit(from);
            from = id + 1;
        }
        return Math.max(maxId, id);
    }

    /** The number of keys held. */
    public int size() {
        return ids.size();
    }
}
