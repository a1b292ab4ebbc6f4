package io.kpbench.table;

import java.util.Arrays;

/**
 * Growth of the parallel primitive arrays that array-backed tables keep one field per array in (IPVS's virtual
 * servers, real servers and connections): each array is allocated on first use and copied to the new capacity
 * on growth, after {@code Arrays.copyOf}. Control plane and {@code …SlowPath} only: never on a lookup.
 */
public final class PrimitiveArrays {
    private PrimitiveArrays() {
    }

    /** {@code a} copied to length {@code cap} (zero-filled past its end), or a new zeroed array when it is null. */
    public static int[] grow(int[] a, int cap) {
        return a == null ? new int[cap] : Arrays.copyOf(a, cap);
    }

    /** {@code a} copied to length {@code cap} (zero-filled past its end), or a new zeroed array when it is null. */
    public static long[] grow(long[] a, int cap) {
        return a == null ? new long[cap] : Arrays.copyOf(a, cap);
    }
}
