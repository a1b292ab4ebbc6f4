package io.kpbench.proxy.ebpf.maglev;

import java.util.Arrays;

/**
 * A Maglev lookup table: M slots (M prime) filled with backend ids by the population algorithm of Eisenbud et al.,
 * "Maglev: A Fast and Reliable Software Network Load Balancer", NSDI 2016, §3.4: each backend has the permutation
 * {@code (offset + j * skip) mod M} with {@code offset = h1(name) mod M} and {@code skip = h2(name) mod (M-1) + 1};
 * backends take turns claiming their next unclaimed preferred slot until every slot is taken.
 *
 * <p>Properties (tested): each of N backends gets {@code floor(M/N)} or {@code ceil(M/N)} slots; removing one
 * backend moves its slots plus a small surplus (the paper's Fig. 12: about 1-2% of all slots at M ~ 100 N);
 * backends are taken in name order, as Cilium sorts them ({@code pkg/maglev GetLookupTable}), so the table
 * depends only on the set of names and the seed. Lookup is {@code table[hash mod M]}: one array read.
 * Build cost: O(M log M) probes expected, O(N + M) memory (positions are stepped, not precomputed as Cilium's
 * {@code permutation} slice is).
 */
public final class MaglevTable {
    /** The table sizes Cilium accepts for {@code --bpf-lb-maglev-table-size} (kubeproxy-free.rst). */
    private static final int[] CILIUM_SIZES = {251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071};
    /** Cilium's default M. */
    public static final int DEFAULT_SIZE = 16381;

    private final int[] table;

    private MaglevTable(int[] table) {
        this.table = table;
    }

    /** Cilium's allowed sizes, ascending. */
    public static int[] ciliumSizes() {
        return CILIUM_SIZES.clone();
    }

    /** Throws {@link IllegalArgumentException} unless {@code m} is one of Cilium's allowed sizes. */
    public static void requireCiliumSize(int m) {
        if (Arrays.binarySearch(CILIUM_SIZES, m) < 0) {
            throw new IllegalArgumentException("maglev table size " + m + " is not one Cilium supports (valid: "
                    + Arrays.toString(CILIUM_SIZES).replaceAll("[\\[\\]]", "") + ")");
        }
    }

    /** True when {@code m} is prime. */
    public static boolean isPrime(int m) {
        if (m < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= m; d++) {
            if (m % d == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Builds the table for backends {@code names} (with ids {@code ids}, same order) of size {@code m}.
     *
     * @throws IllegalArgumentException when {@code m} is not prime, or there are no backends, or names repeat
     */
    public static MaglevTable build(String[] names, int[] ids, int m, long seed) {
        if (!isPrime(m)) {
            throw new IllegalArgumentException("maglev table size " + m + " is not prime");
        }
        int n = names.length;
        if (n == 0 || ids.length != n) {
            throw new IllegalArgumentException("maglev needs one id per backend and at least one backend");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
        int[] next = new int[n];
        int[] skip = new int[n];
        int[] id = new int[n];
        for (int k = 0; k < n; k++) {
            String name = names[order[k]];
            if (k > 0 && name.equals(names[order[k - 1]])) {
                throw new IllegalArgumentException("maglev backend name repeats: " + name);
            }
            next[k] = (int) Long.remainderUnsigned(TupleHash.nameHash1(name, seed), m);
            skip[k] = (int) Long.remainderUnsigned(TupleHash.nameHash2(name, seed), m - 1) + 1;
            id[k] = ids[order[k]];
            if (id[k] < 0) {
                throw new IllegalArgumentException("maglev backend ids must be >= 0, got " + id[k]);
            }
        }
        return new MaglevTable(populate(next, skip, id, m));
    }

    private static int[] populate(int[] next, int[] skip, int[] id, int m) {
        int[] table = new int[m];
        Arrays.fill(table, -1);
        int n = id.length;
        int filled = 0;
        while (true) {
            for (int k = 0; k < n; k++) {
                int c = next[k];
                while (table[c] >= 0) {
                    c += skip[k];
                    if (c >= m) {
                        c -= m;
                    }
                }
                table[c] = id[k];
                c += skip[k];
                next[k] = c >= m ? c - m : c;
                if (++filled == m) {
                    return table;
                }
            }
        }
    }

    /** The backend id for a flow hash: {@code table[hash mod M]}; allocation-free. */
    public int lookup(long hash) {
        return table[(int) Long.remainderUnsigned(hash, table.length)];
    }

    /** M. */
    public int size() {
        return table.length;
    }

    /** The backend id in slot {@code i}. */
    public int entry(int i) {
        return table[i];
    }

    /** A copy of the slots. */
    public int[] toArray() {
        return table.clone();
    }
}
