package io.kpbench.proxy;

/**
 * The packed primitive result of {@link DataPlane#classify}: verdict, masquerade decision and endpoint id in one
 * long, so classifying allocates nothing.
 *
 * <p>Layout: bits 0-3 verdict ordinal, bit 4 masquerade, bits 32-62 endpoint id (valid with {@link Verdict#DNAT}).
 */
public final class Classification {
    private static final long MASQ = 1L << 4;

    private Classification() {
    }

    /** Packs a result; {@code endpoint} is -1 when there is none. */
    public static long pack(Verdict verdict, boolean masquerade, int endpoint) {
        return verdict.ordinal() | (masquerade ? MASQ : 0L) | ((long) (endpoint + 1) << 32);
    }

    /** Packs a DNAT to {@code endpoint}. */
    public static long dnat(int endpoint, boolean masquerade) {
        return Verdict.DNAT.ordinal() | (masquerade ? MASQ : 0L) | ((long) (endpoint + 1) << 32);
    }

    /** The verdict of a packed result. */
    public static Verdict verdict(long r) {
        return Verdict.of((int) (r & 0xF));
    }

    /** The masquerade decision of a packed result. */
    public static boolean masquerade(long r) {
        return (r & MASQ) != 0;
    }

    /** The endpoint id of a packed result, or -1. */
    public static int endpoint(long r) {
        return (int) (r >>> 32) - 1;
    }
}
