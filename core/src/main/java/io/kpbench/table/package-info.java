/**
 * Primitive open-addressing tables shared by the data planes: long keys, one interleaved primitive array,
 * power-of-two capacity, linear probing and backward-shift delete (no tombstones), after Agrona's
 * {@code Int2IntHashMap}.
 *
 * <p>Cost: a hit costs one multiply-shift hash and, at the load factors used here (at most 0.5 to 0.75), on
 * average 1.5 probes into one contiguous array, i.e. one or two cache lines; nothing allocates on lookup or on
 * an update of an existing key. Growth ({@code rehashSlowPath}) happens only on insert and never on a lookup.
 *
 * <p>{@link io.kpbench.table.SeqlockTupleTable} is the concurrent one: fixed-stride entries, each indexed under two
 * keys of a few longs (conntrack's original and reply tuples) by one-long tagged slots, with one writer at a time
 * and lock-free readers (a seqlock per entry, and a shift counter per 1024-slot stripe so that a miss during a
 * backward shift is re-probed, never wrong). It holds the probe, insert and backward-shift delete and the seqlock
 * protocol; the reader's probe loop, which reads the caller's own entry words under the seqlock, stays with the
 * caller ({@code ConntrackTable}). Its tuple hash is {@link io.kpbench.table.Hashing#keyedPair}.
 *
 * <p>The chained tables (IPVS's, which keep the kernel's bucket chains) stay with their mode; what they share,
 * the unlink, predecessor and length walks of an index-array chain, are {@link io.kpbench.table.Chains}.
 */
package io.kpbench.table;
