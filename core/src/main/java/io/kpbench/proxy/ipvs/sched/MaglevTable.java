package io.kpbench.proxy.ipvs.sched;

import io.kpbench.proxy.ipvs.kernel.IpvsHash;
import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;

/**
 * The {@code mh} scheduler: a Maglev lookup table of M entries (a prime, 4093 by default) per virtual
 * server, populated from each destination's (offset, skip) permutation, {@code turns = (last_weight / gcd) >>
 * rshift} entries per round; a client picks entry {@code hsiphash(sport + saddr) mod M}.
 *
 * <p>Source: Linux {@code ip_vs_mh.c} ({@code ip_vs_mh_permutate}, {@code ip_vs_mh_populate},
 * {@code ip_vs_mh_get}; primes {251, 509, ..., 131071}, {@code CONFIG_IP_VS_MH_TAB_INDEX = 12} => 4093,
 * {@code IP_VS_MH_TAB_BITS = index / 2}; hash keys {2654435761 x2} and {2654446892 x2}); Maglev, NSDI'16
 * §3.4. kube-proxy sets {@code FlagSourceHash} (0x10, mh-port) and no fallback, so a client whose entry
 * names a quiesced (weight 0) server gets no server. Lookup O(1); each destination change repopulates O(M).
 */
public final class MaglevTable extends IpvsScheduler {
    static final long KEY1 = 2654435761L;
    static final long KEY2 = 2654446892L;

    /** {@code primes[]} of {@code ip_vs_mh.c}, for {@code CONFIG_IP_VS_MH_TAB_INDEX} 8..17. */
    private static final int[] MH_PRIMES = {251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071};

    private final int size;
    private final int tabBits;
    private int[][] lookup = new int[0][];
    private final boolean[] taken;
    private int[] offset = new int[16];
    private int[] skip = new int[16];
    private int[] perm = new int[16];
    private int[] turns = new int[16];

    public MaglevTable(VirtualServerTable vst, RealServerPool rs, int size) {
        super("mh", vst, rs);
        this.size = size;
        this.tabBits = mhTabIndex(size) / 2;
        this.taken = new boolean[size];
    }

    /** {@code CONFIG_IP_VS_MH_TAB_INDEX} for a table size; throws when the size is not one of the primes. */
    public static int mhTabIndex(int size) {
        for (int i = 0; i < MH_PRIMES.length; i++) {
            if (MH_PRIMES[i] == size) {
                return i + 8;
            }
        }
        throw new IllegalArgumentException("mh table size " + size + " is not one of "
                + java.util.Arrays.toString(MH_PRIMES));
    }

    @Override
    public void ensureCapacity(int n) {
        if (lookup.length < n) {
            lookup = java.util.Arrays.copyOf(lookup, Math.max(n, lookup.length * 2));
        }
    }

    @Override
    public void initService(int v) {
        if (lookup[v] == null) {
            lookup[v] = new int[size];
        }
        populate(v);
    }

    @Override
    public void destsChanged(int v) {
        populate(v);
    }

    private void populate(int v) {
        int[] table = lookup[v];
        int g = 0;
        int maxW = 0;
        int n = 0;
        for (int d = vst.firstDest[v]; d >= 0; d = rs.next[d]) {
            int w = rs.lastWeight[d];
            if (w > 0) {
                g = g > 0 ? WeightedRoundRobinScheduler.gcd(w, g) : w;
            }
            maxW = Math.max(maxW, w);
            n++;
        }
        if (g < 1) {
            java.util.Arrays.fill(table, -1);
            return;
        }
        int shift = Math.max(0, (32 - Integer.numberOfLeadingZeros(maxW / g)) - tabBits);
        if (offset.length < n) {
            offset = new int[n * 2];
            skip = new int[n * 2];
            perm = new int[n * 2];
            turns = new int[n * 2];
        }
        int i = 0;
        for (int d = vst.firstDest[v]; d >= 0; d = rs.next[d], i++) {
            int key = rs.port[d] + rs.hashAddr(d);
            offset[i] = Integer.remainderUnsigned(IpvsHash.sipHash13(key, KEY1, KEY1), size);
            skip[i] = Integer.remainderUnsigned(IpvsHash.sipHash13(key, KEY2, KEY2), size - 1) + 1;
            perm[i] = offset[i];
            int lw = rs.lastWeight[d];
            int t = (lw / g) >> shift;
            turns[i] = t != 0 ? t : (lw != 0 ? 1 : 0);
        }
        java.util.Arrays.fill(taken, false);
        int filled = 0;
        int count = 0;
        while (filled < size) {
            i = 0;
            for (int d = vst.firstDest[v]; d >= 0;) {
                if (turns[i] < 1) {
                    d = rs.next[d];
                    i++;
                    continue;
                }
                int c = perm[i];
                while (taken[c]) {
                    perm[i] += skip[i];
                    if (perm[i] >= size) {
                        perm[i] -= size;
                    }
                    c = perm[i];
                }
                taken[c] = true;
                table[c] = d;
                if (++filled == size) {
                    return;
                }
                if (++count >= turns[i]) {
                    count = 0;
                    d = rs.next[d];
                    i++;
                }
            }
        }
    }

    /** The entry a client hashes to. */
    int entry(int v, int saddr, int sport) {
        int port = (vst.flags[v] & VirtualServerTable.F_SCHED_PORT) != 0 ? sport : 0;
        return Integer.remainderUnsigned(IpvsHash.mh(saddr, port, 0, KEY1), size);
    }

    /** The destination in lookup entry {@code e} of {@code v}, or -1 (tests). */
    int at(int v, int e) {
        return lookup[v][e];
    }

    /** The table size M. */
    int size() {
        return size;
    }

    @Override
    public int schedule(int v, int saddr, int sport, int daddr, long nowNanos) {
        int d = lookup[v][entry(v, saddr, sport)];
        return d < 0 || rs.weight[d] <= 0 ? -1 : d;
    }

    @Override
    public int candidates(int v, int saddr, int sport, int daddr, int[] out) {
        int d = schedule(v, saddr, sport, daddr, 0L);
        if (d < 0 || out.length == 0) {
            return 0;
        }
        out[0] = d;
        return 1;
    }
}
