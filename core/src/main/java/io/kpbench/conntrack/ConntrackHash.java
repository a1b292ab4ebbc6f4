package io.kpbench.conntrack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The kernel's conntrack hash in two primitive arrays: H bucket heads, and entries that each hold two chain nodes
 * (a next link and a tuple), one per direction, under a seqlock. The writer side is called under the owning
 * {@link ConntrackTable}'s monitor; {@link ConntrackTable} reads heads and links with acquire loads.
 *
 * <p>Source: Linux 6.12 {@code nf_conntrack_core.c}: {@code nf_conntrack_hash} (an array of {@code hlist_nulls_head},
 * each empty chain ending in the nulls value of its bucket), {@code hash_conntrack_raw} then {@code scale_hash}
 * ({@code reciprocal_scale(hash, nf_conntrack_htable_size)}), {@code __nf_conntrack_hash_insert} (the original tuple,
 * then the reply tuple, each added at the head of its chain by {@code hlist_nulls_add_head_rcu}) and
 * {@code hlist_nulls_del_rcu} (a removed node keeps its next link, so that a reader standing on it walks on).
 *
 * <p><b>Links.</b> A chain node is named by the entry reference {@code entry << 1 | direction}. A link (a bucket
 * head or a node's next word) holds the next node's reference, or, at a chain's end, the nulls value
 * {@code ~bucket} (always negative). A reader that ends on another bucket's nulls value walked through a node that
 * was removed and re-added elsewhere under it, and must restart, as the kernel's {@code ____nf_conntrack_find} does.
 *
 * <p><b>Entry layout</b>, 16 longs (128 bytes, as two 64-byte lines from the entry's start), node = next word, tuple:
 * <pre>
 *  IPv4  0 version  1 meta  2 lastSeen  3 streamTs  4 next[ORIG]  5-6 orig  7 -  | 8 next[REPLY]  9-10 reply  11-15 -
 *  IPv6  0 version  1 meta  2 next[ORIG]  3-7 orig                             | 8 next[REPLY]  9-13 reply
 *        14 lastSeen  15 streamTs
 * </pre>
 * so that one node (next and tuple, like the kernel's {@code nf_conntrack_tuple_hash}) sits in one half of the entry
 * and a chain walk reads about one line per node. Tuples are {@link TupleKey}'s short (IPv4) or long (IPv6) form.
 * Memory: 128 bytes per entry plus 4 bytes per bucket (the kernel: about 320 bytes per {@code nf_conn} plus 8 per
 * bucket).
 */
final class ConntrackHash {
    /** The most entries a table may hold (the entry array's size limit). */
    static final int MAX_ENTRIES = (1 << 27) - 1;
    /** The most buckets a table may have. */
    static final int MAX_BUCKETS = 1 << 30;
    static final int STRIDE_SHIFT = 4;
    static final int E_META = 1;
    /** The offset of the reply node in an entry. */
    static final int NODE_REPLY = 8;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    final int[] heads;
    final long[] entries;
    final long buckets;
    final long seed;
    /** Words of a tuple: {@link TupleKey#SHORT} or {@link TupleKey#LONG}. */
    final int words;
    final int lastSeenAt;
    final int streamTsAt;
    /** The offset of the original node in an entry. */
    final int nodeOrig;

    ConntrackHash(boolean v4, int capacity, int buckets, long seed) {
        if (capacity < 1 || capacity > MAX_ENTRIES) {
            throw new IllegalArgumentException("capacity must be in [1, 2^27 - 1]: " + capacity);
        }
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("bucket count must be in [1, 2^30]: " + buckets);
        }
        this.words = v4 ? TupleKey.SHORT : TupleKey.LONG;
        this.nodeOrig = v4 ? 4 : 2;
        this.lastSeenAt = v4 ? 2 : 14;
        this.streamTsAt = v4 ? 3 : 15;
        this.entries = new long[capacity << STRIDE_SHIFT];
        this.heads = new int[buckets];
        for (int b = 0; b < buckets; b++) {
            heads[b] = ~b;
        }
        this.buckets = buckets;
        this.seed = seed;
    }

    /** {@code reciprocal_scale} of the hash's high 32 bits: the bucket of a tuple of 64-bit hash {@code hash}. */
    int bucket(long hash) {
        return (int) (((hash >>> 32) * buckets) >>> 32);
    }

    /** The bucket of the tuple of {@code words} words at {@code key[at]}. */
    int bucketOf(long[] key, int at) {
        return bucket(TupleKey.hash(key, at, words, seed));
    }

    /** The index of word 0 (the version) of entry {@code e}. */
    static int base(int e) {
        return e << STRIDE_SHIFT;
    }

    /** The index of the next word of node {@code ref}; its tuple follows it. */
    int node(int ref) {
        return ((ref >>> 1) << STRIDE_SHIFT) + ((ref & 1) == 0 ? nodeOrig : NODE_REPLY);
    }

    /** A reader's load of a link: the next node's reference, or a nulls value (negative). */
    static int next(long[] entries, int nodeAt) {
        return (int) (long) LONGS.getAcquire(entries, nodeAt);
    }

    /** A reader's load of bucket {@code b}'s head. */
    static int head(int[] heads, int b) {
        return (int) INTS.getAcquire(heads, b);
    }

    /**
     * A reader's check after its field reads: true when {@code version}, read before an acquire fence and the reads,
     * is even and unchanged (an opaque re-read after a second acquire fence, as {@code StampedLock.validate}).
     */
    static boolean validate(long[] entries, int base, long version) {
        VarHandle.acquireFence();
        return (version & 1) == 0 && (long) LONGS.getOpaque(entries, base) == version;
    }

    /** Spins while the entry at {@code base} is being written. */
    static void awaitStable(long[] entries, int base) {
        while (((long) LONGS.getAcquire(entries, base) & 1) != 0) {
            Thread.onSpinWait();
        }
    }

    /** An opaque read of word {@code i} (a word written outside the seqlock: lastSeen). */
    static long readOpaque(long[] entries, int i) {
        return (long) LONGS.getOpaque(entries, i);
    }

    /** An opaque write of word {@code i}: atomic, unordered; a refresh that may race with the writer. */
    static void writeOpaque(long[] entries, int i, long value) {
        LONGS.setOpaque(entries, i, value);
    }

    /** Writer: the reference of the node whose tuple equals {@code key[at ..]}, or -1. */
    int find(long[] key, int at) {
        final long[] e = entries;
        for (int n = heads[bucketOf(key, at)]; n >= 0; n = (int) e[node(n)]) {
            int k = node(n) + 1;
            boolean same = true;
            for (int w = 0; w < words && same; w++) {
                same = e[k + w] == key[at + w];
            }
            if (same) {
                return n;
            }
        }
        return -1;
    }

    /** Writer: adds node {@code ref}, whose entry is written, at the head of its tuple's chain. */
    void link(int ref) {
        int at = node(ref);
        int b = bucketOf(entries, at + 1);
        LONGS.setRelease(entries, at, (long) heads[b]);
        INTS.setRelease(heads, b, ref);
    }

    /** Writer: unlinks node {@code ref} from its chain; the node keeps its own next link. */
    void unlink(int ref) {
        final long[] e = entries;
        int at = node(ref);
        int b = bucketOf(e, at + 1);
        int successor = (int) e[at];
        int n = heads[b];
        if (n == ref) {
            INTS.setRelease(heads, b, successor);
            return;
        }
        while (n >= 0) {
            int nAt = node(n);
            int following = (int) e[nAt];
            if (following == ref) {
                LONGS.setRelease(e, nAt, (long) successor);
                return;
            }
            n = following;
        }
        throw new IllegalStateException("conntrack node " + ref + " is not in its bucket " + b);
    }

    /** Writer: makes entry {@code e}'s version odd, so that readers retry until {@link #endWrite}. */
    void beginWrite(int e) {
        int base = base(e);
        LONGS.setOpaque(entries, base, entries[base] + 1);
        VarHandle.releaseFence();
    }

    /** Writer: makes entry {@code e}'s version even again, publishing the writes made since {@link #beginWrite}. */
    void endWrite(int e) {
        int base = base(e);
        LONGS.setRelease(entries, base, entries[base] + 1);
    }
}
