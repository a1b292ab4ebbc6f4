package io.kpbench.proxy.ipvs;

/**
 * One IPVS scheduling module ({@code struct ip_vs_scheduler}): picks a real server of a virtual server for a
 * new connection, keeping its per-service state in primitive arrays indexed by the virtual-server slot.
 *
 * <p>Source: Linux {@code include/net/ip_vs.h} and {@code ip_vs_sched.c}. The hooks mirror
 * {@code init_service}, {@code done_service}, {@code add_dest}/{@code del_dest}/{@code upd_dest} and
 * {@code schedule}. State written by {@link #schedule} (cursors, caches) is plain fields updated racily
 * without locks, last writer wins; the kernel serialises some of it with {@code sched_lock}.
 */
abstract class IpvsScheduler {
    final String name;
    final VirtualServerTable vst;
    final RealServerPool rs;

    IpvsScheduler(String name, VirtualServerTable vst, RealServerPool rs) {
        this.name = name;
        this.vst = vst;
        this.rs = rs;
    }

    /**
     * Picks a destination for a new connection to virtual server {@code v}.
     *
     * @return the destination id, or -1 when none is available (the kernel then answers ICMP unreachable)
     */
    abstract int schedule(int v, int saddr, int sport, int daddr, long nowNanos);

    /** Grows per-service state to hold slots below {@code n}. */
    void ensureCapacity(int n) {
    }

    /** {@code init_service}: a virtual server was added in slot {@code v}. */
    void initService(int v) {
    }

    /** {@code done_service}: slot {@code v} is being removed. */
    void doneService(int v) {
    }

    /** {@code add_dest}/{@code upd_dest}/{@code del_dest} after the change: the destinations of {@code v} changed. */
    void destsChanged(int v) {
    }

    /** Called before destination {@code d} is unlinked from {@code v}. */
    void destRemoving(int v, int d) {
    }

    /**
     * Writes every destination this scheduler could pick for the packet into {@code out} (for explain).
     * The default is every destination with weight above 0, in list order.
     *
     * @return how many were written
     */
    int candidates(int v, int saddr, int sport, int daddr, int[] out) {
        int n = 0;
        for (int d = vst.firstDest[v]; d >= 0 && n < out.length; d = rs.next[d]) {
            if (rs.weight[d] > 0) {
                out[n++] = d;
            }
        }
        return n;
    }

    /** The weighted least-connection choice ({@code __ip_vs_lblc_schedule}, {@code ip_vs_wlc_schedule}). */
    final int weightedLeast(int v) {
        int[] next = rs.next;
        int[] weight = rs.weight;
        int least = -1;
        long loh = 0;
        int d = vst.firstDest[v];
        for (; d >= 0; d = next[d]) {
            if (weight[d] > 0) {
                least = d;
                loh = rs.overhead(d);
                break;
            }
        }
        if (least < 0) {
            return -1;
        }
        for (d = next[d]; d >= 0; d = next[d]) {
            long doh = rs.overhead(d);
            if (loh * weight[d] > doh * weight[least]) {
                least = d;
                loh = doh;
            }
        }
        return least;
    }

    static int[] grow(int[] a, int n, int fill) {
        if (a.length >= n) {
            return a;
        }
        int[] b = java.util.Arrays.copyOf(a, Math.max(n, a.length * 2));
        java.util.Arrays.fill(b, a.length, b.length, fill);
        return b;
    }
}
