/**
 * Primitive open-addressing tables shared by the data planes: long keys, one interleaved primitive array,
 * power-of-two capacity, linear probing and backward-shift delete (no tombstones), after Agrona's
 * {@code Int2IntHashMap}.
 *
 * <p>Cost: a hit costs one multiply-shift hash and, at the load factors used here (at most 0.5 to 0.75), on
 * average 1.5 probes into one contiguous array, i.e. one or two cache lines; nothing allocates on lookup or on
 * an update of an existing key. Growth ({@code rehashSlowPath}) happens only on insert and never on a lookup.
 */
package io.kpbench.table;
