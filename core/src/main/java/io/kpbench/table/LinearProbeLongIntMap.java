package io.kpbench.table;

import java.util.Arrays;

/**
 * A long-to-int hash map in one interleaved {@code long[]} (key, value, key, value, ...), with linear probing,
 * power-of-two capacity and backward-shift delete; an empty slot is one whose value is the missing value.
 * After Agrona {@code Int2IntHashMap} ({@code get}, {@code compactChain}).
 *
 * <p>Lookups and updates of present keys allocate nothing; inserting past the load factor doubles the array in
 * {@link #rehashSlowPath}. Not thread-safe for writers; readers racing a writer may miss a key being moved.
 */
public final class LinearProbeLongIntMap {
    private static final float LOAD_FACTOR = 0.5f;

    private final int missingValue;
    private long[] entries;
    private int mask;
    private int shift;
    private int size;
    private int resizeThreshold;

    /** A map with room for {@code expected} keys before growing; {@code missingValue} can never be stored. */
    public LinearProbeLongIntMap(int expected, int missingValue) {
        this.missingValue = missingValue;
        int capacity = Integer.highestOneBit(Math.max(4, (int) Math.min(1 << 29, expected / LOAD_FACTOR)) * 2 - 1);
        allocate(capacity);
    }

    private void allocate(int capacity) {
        entries = new long[capacity * 2];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        resizeThreshold = (int) (capacity * LOAD_FACTOR);
        if (missingValue != 0) {
            for (int i = 1; i < entries.length; i += 2) {
                entries[i] = missingValue;
            }
        }
    }

    private int home(long key) {
        return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> shift);
    }

    /** The value for {@code key}, or the missing value; allocation-free. */
    public int get(long key) {
        final long[] e = entries;
        final int m = mask;
        final int missing = missingValue;
        int i = home(key);
        while (true) {
            int v = (int) e[2 * i + 1];
            if (v == missing) {
                return missing;
            }
            if (e[2 * i] == key) {
                return v;
            }
            i = (i + 1) & m;
        }
    }

    /** True when {@code key} is present. */
    public boolean containsKey(long key) {
        return get(key) != missingValue;
    }

    /** Maps {@code key} to {@code value}; returns the previous value or the missing value. */
    public int put(long key, int value) {
        if (value == missingValue) {
            throw new IllegalArgumentException("cannot store the missing value " + missingValue);
        }
        int i = home(key);
        while (true) {
            int v = (int) entries[2 * i + 1];
            if (v == missingValue) {
                break;
            }
            if (entries[2 * i] == key) {
                entries[2 * i + 1] = value;
                return v;
            }
            i = (i + 1) & mask;
        }
        entries[2 * i] = key;
        entries[2 * i + 1] = value;
        if (++size > resizeThreshold) {
            rehashSlowPath();
        }
        return missingValue;
    }

    /** Removes {@code key}; returns its value or the missing value. */
    public int remove(long key) {
        int i = home(key);
        while (true) {
            int v = (int) entries[2 * i + 1];
            if (v == missingValue) {
                return missingValue;
            }
            if (entries[2 * i] == key) {
                entries[2 * i + 1] = missingValue;
                entries[2 * i] = 0L;
                size--;
                compactChain(i);
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    /** Backward-shift delete: moves later members of the probe chain into the hole at {@code hole}. */
    private void compactChain(int hole) {
        int i = (hole + 1) & mask;
        while ((int) entries[2 * i + 1] != missingValue) {
            int h = home(entries[2 * i]);
            boolean movable = hole <= i ? h <= hole || h > i : h <= hole && h > i;
            if (movable) {
                entries[2 * hole] = entries[2 * i];
                entries[2 * hole + 1] = entries[2 * i + 1];
                entries[2 * i + 1] = missingValue;
                entries[2 * i] = 0L;
                hole = i;
            }
            i = (i + 1) & mask;
        }
    }

    private void rehashSlowPath() {
        long[] old = entries;
        allocate((mask + 1) * 2);
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if ((int) old[i + 1] != missingValue) {
                put(old[i], (int) old[i + 1]);
            }
        }
    }

    /** Removes every key, keeping the capacity. */
    public void clear() {
        Arrays.fill(entries, 0L);
        if (missingValue != 0) {
            for (int i = 1; i < entries.length; i += 2) {
                entries[i] = missingValue;
            }
        }
        size = 0;
    }

    /**
     * An independent copy with the same capacity (one array copy): a writer that must remove keys under
     * concurrent readers edits the copy and publishes it whole (copy-on-write).
     */
    public LinearProbeLongIntMap copy() {
        LinearProbeLongIntMap c = new LinearProbeLongIntMap(4, missingValue);
        c.entries = entries.clone();
        c.mask = mask;
        c.shift = shift;
        c.size = size;
        c.resizeThreshold = resizeThreshold;
        return c;
    }

    /**
     * Keys that can be inserted before the next rehash. Inserting a new key into an empty slot without a rehash
     * moves no other key, so a racing reader either misses the new key or finds it, and finds every other key.
     */
    public int headroom() {
        return resizeThreshold - size;
    }

    /** The number of keys. */
    public int size() {
        return size;
    }

    /** The number of slots (a power of two); iterate slots with {@link #occupied}, {@link #keyAt}, {@link #valueAt}. */
    public int capacity() {
        return mask + 1;
    }

    /** True when slot {@code slot} holds a key. */
    public boolean occupied(int slot) {
        return (int) entries[2 * slot + 1] != missingValue;
    }

    /** The key in slot {@code slot}. */
    public long keyAt(int slot) {
        return entries[2 * slot];
    }

    /** The value in slot {@code slot}. */
    public int valueAt(int slot) {
        return (int) entries[2 * slot + 1];
    }

    /** The missing value this map was built with. */
    public int missingValue() {
        return missingValue;
    }
}
