package io.kpbench.conntrack;

/**
 * A snapshot of a conntrack table's counters, named after {@code conntrack -S}.
 *
 * <p>Source: Linux {@code include/uapi/linux/netfilter/nfnetlink_conntrack.h} ({@code CTA_STATS_*}) and
 * {@code nf_conntrack_core.c} where each is incremented.
 *
 * @param count entries in the table ({@code nf_conntrack_count})
 * @param insert entries created
 * @param insertFailed creations refused: tuple already tracked, or no unique NAT reply tuple
 * @param drop packets dropped because the table was full and early_drop found no victim
 * @param earlyDrop non-assured entries evicted to make room
 * @param invalid packets the TCP state machine rejected
 * @param expired expired entries reclaimed (by {@code gc} or lazily by a writer)
 * @param deleted entries deleted explicitly (delete, stale-UDP cleanup, RST, reopen)
 */
public record ConntrackStats(long count, long insert, long insertFailed, long drop, long earlyDrop, long invalid,
        long expired, long deleted) {
}
