package io.kpbench.proxy.iptables.netfilter;

/**
 * One named source-address list of netfilter's xt_recent match ({@code -m recent --name KUBE-SEP-X}): the
 * client IPs that kube-proxy's ClientIP session affinity pins to one endpoint, with the time each was last set.
 *
 * <p>Open addressing over one interleaved {@code long[]} (source high, source low, last-seen nanos per slot),
 * linear probing, backward-shift delete, and {@code ::} as the empty key. Like the kernel's list it holds at most
 * {@link #MAX_ENTRIES} addresses (xt_recent's {@code ip_list_tot} default) and evicts the least recently seen
 * when full. Updates from several threads race, last writer wins, as the seam allows.
 */
public final class RecentTable {
    /** xt_recent's default {@code ip_list_tot}. */
    static final int MAX_ENTRIES = 100;
    private static final int STRIDE = 3;
    private static final int MAX_SLOTS = 256;

    private long[] slots = new long[16 * STRIDE];
    private int size;

    /** {@code --rcheck --seconds s [--reap]}: true when {@code src} was set within {@code maxAgeNanos}. */
    public boolean check(long hi, long lo, long now, long maxAgeNanos, boolean reap) {
        final long[] s = slots;
        final int mask = s.length / STRIDE - 1;
        for (int i = index(hi, lo, mask);; i = (i + 1) & mask) {
            int b = i * STRIDE;
            long kh = s[b];
            long kl = s[b + 1];
            if (kh == 0L && kl == 0L) {
                return false;
            }
            if (kh == hi && kl == lo) {
                boolean fresh = maxAgeNanos <= 0 || now - s[b + 2] <= maxAgeNanos;
                if (!fresh && reap) {
                    removeAt(s, i, mask);
                }
                return fresh;
            }
        }
    }

    /** {@code --set}: records {@code src} as seen at {@code now}. */
    public void set(long hi, long lo, long now) {
        final long[] s = slots;
        final int mask = s.length / STRIDE - 1;
        for (int i = index(hi, lo, mask);; i = (i + 1) & mask) {
            int b = i * STRIDE;
            long kh = s[b];
            long kl = s[b + 1];
            if (kh == hi && kl == lo) {
                s[b + 2] = now;
                return;
            }
            if (kh == 0L && kl == 0L) {
                if (size >= MAX_ENTRIES || size + 1 > (mask + 1) / 2) {
                    insertSlowPath(hi, lo, now);
                    return;
                }
                s[b] = hi;
                s[b + 1] = lo;
                s[b + 2] = now;
                size++;
                return;
            }
        }
    }

    /** The number of addresses held. */
    int size() {
        return size;
    }

    private void insertSlowPath(long hi, long lo, long now) {
        if (size >= MAX_ENTRIES) {
            evictOldest();
        } else if (slots.length / STRIDE < MAX_SLOTS) {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            for (int b = 0; b < old.length; b += STRIDE) {
                if (old[b] != 0L || old[b + 1] != 0L) {
                    set(old[b], old[b + 1], old[b + 2]);
                }
            }
        }
        set(hi, lo, now);
    }

    private void evictOldest() {
        final long[] s = slots;
        int oldest = -1;
        for (int b = 0; b < s.length; b += STRIDE) {
            if ((s[b] != 0L || s[b + 1] != 0L) && (oldest < 0 || s[b + 2] < s[oldest + 2])) {
                oldest = b;
            }
        }
        if (oldest >= 0) {
            removeAt(s, oldest / STRIDE, s.length / STRIDE - 1);
        }
    }

    private void removeAt(long[] s, int slot, int mask) {
        int hole = slot;
        for (int i = (slot + 1) & mask;; i = (i + 1) & mask) {
            int b = i * STRIDE;
            if (s[b] == 0L && s[b + 1] == 0L) {
                break;
            }
            int home = index(s[b], s[b + 1], mask);
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                int h = hole * STRIDE;
                s[h] = s[b];
                s[h + 1] = s[b + 1];
                s[h + 2] = s[b + 2];
                hole = i;
            }
        }
        int h = hole * STRIDE;
        s[h] = 0L;
        s[h + 1] = 0L;
        s[h + 2] = 0L;
        size--;
    }

    private static int index(long hi, long lo, int mask) {
        long x = (hi * 0x9E37_79B9_7F4A_7C15L) ^ lo;
        x ^= x >>> 33;
        x *= 0xFF51_AFD7_ED55_8CCDL;
        x ^= x >>> 33;
        return (int) x & mask;
    }
}
