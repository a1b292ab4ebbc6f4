package io.kpbench.table;

/**
 * The walk and unlink steps of singly linked chains kept as index arrays: {@code head[h]} is the first node of
 * chain {@code h}, {@code next[n]} the node after {@code n}, and -1 ends a chain. This is the array form of the
 * kernel's {@code hlist} ({@code include/linux/list.h}) that IPVS chains its virtual-server and connection
 * buckets and each virtual server's destinations with ({@code ip_vs_svc_table}, {@code ip_vs_conn_tab},
 * {@code svc->destinations}).
 *
 * <p>Static, small and allocation-free (bar {@link #lengths}, a cost-model report), so that the JIT inlines them
 * into the tables' insert and reap loops; a lookup walks its chain inline and calls none of them.
 */
public final class Chains {
    private Chains() {
    }

    /**
     * Unlinks node {@code n} from chain {@code h}, given its predecessor {@code prev} (-1 when {@code n} is first):
     * {@code hlist_del}. {@code next[n]} is left as it was, so a walk standing on {@code n} can still step on.
     */
    public static void unlink(int[] head, int[] next, int h, int prev, int n) {
        if (prev < 0) {
            head[h] = next[n];
        } else {
            next[prev] = next[n];
        }
    }

    /** The node before {@code n} on chain {@code h}, or -1 when {@code n} is first; {@code n} must be on it. */
    public static int predecessor(int[] head, int[] next, int h, int n) {
        int p = -1;
        for (int x = head[h]; x != n; x = next[x]) {
            p = x;
        }
        return p;
    }

    /** The length of every chain (for cost models; allocates the result). */
    public static int[] lengths(int[] head, int[] next) {
        int[] out = new int[head.length];
        for (int h = 0; h < head.length; h++) {
            for (int n = head[h]; n >= 0; n = next[n]) {
                out[h]++;
            }
        }
        return out;
    }
}
