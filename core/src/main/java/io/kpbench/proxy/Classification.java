package io.kpbench.proxy;

/**
 * The packed primitive result of {@link DataPlane#classify}: verdict, masquerade decision, the work the packet
 * cost and the endpoint id in one long, so classifying allocates nothing and writes no shared counter.
 *
 * <pre>
 *  63 62                         32 31                      8 7   5  4  3    0
 * +--+-----------------------------+-------------------------+-----+--+------+
 * |0 |       endpoint id + 1       |  work (saturating 2^24-1)|  0  |M |verdict|
 * +--+-----------------------------+-------------------------+-----+--+------+
 * </pre>
 *
 * <p>{@code verdict} is the {@link Verdict} ordinal; {@code M} is the masquerade mark; {@code work} is what the
 * mode evaluated for this packet: rules walked (iptables, nftables), map lookups (eBPF, userspace) or hash-chain
 * nodes visited (IPVS). The benchmarks sum it in per-thread {@code @AuxCounters}; the endpoint id is valid with
 * {@link Verdict#DNAT}.
 */
public final class Classification {
    /** Mask of the verdict bits. */
    public static final long VERDICT_MASK = 0xF;
    /** The masquerade bit. */
    public static final long MASQ = 1L << 4;
    /** The largest work count a result can carry; larger counts saturate. */
    public static final int MAX_WORK = (1 << 24) - 1;

    private static final int WORK_SHIFT = 8;
    private static final long WORK_MASK = (long) MAX_WORK << WORK_SHIFT;

    private Classification() {
    }

    /** Packs a result with no work recorded; {@code endpoint} is -1 when there is none. */
    public static long pack(Verdict verdict, boolean masquerade, int endpoint) {
        return verdict.ordinal() | (masquerade ? MASQ : 0L) | ((long) (endpoint + 1) << 32);
    }

    /** Packs a DNAT to {@code endpoint}. */
    public static long dnat(int endpoint, boolean masquerade) {
        return Verdict.DNAT.ordinal() | (masquerade ? MASQ : 0L) | ((long) (endpoint + 1) << 32);
    }

    /** {@code r} with its work count replaced by {@code work} (saturating at {@link #MAX_WORK}). */
    public static long withWork(long r, long work) {
        long w = Math.min(work, MAX_WORK);
        return (r & ~WORK_MASK) | (w << WORK_SHIFT);
    }

    /** The verdict ordinal of a packed result (a switch-friendly int). */
    public static int verdictOrdinal(long r) {
        return (int) (r & VERDICT_MASK);
    }

    /** The verdict of a packed result. */
    public static Verdict verdict(long r) {
        return Verdict.of(verdictOrdinal(r));
    }

    /** The masquerade decision of a packed result. */
    public static boolean masquerade(long r) {
        return (r & MASQ) != 0;
    }

    /** The work (rules, lookups or chain nodes) the packet cost, as the mode recorded it. */
    public static int work(long r) {
        return (int) ((r & WORK_MASK) >>> WORK_SHIFT);
    }

    /** The endpoint id of a packed result, or -1. */
    public static int endpoint(long r) {
        return (int) (r >>> 32) - 1;
    }
}
