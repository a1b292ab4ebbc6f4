package io.kpbench.proxy.ipvs.kernel;

import java.util.Arrays;

/**
 * One IPVS scheduling module ({@code struct ip_vs_scheduler}): picks a real server of a virtual server for a
 * new connection, keeping its per-service state in primitive arrays indexed by the virtual-server slot. The
 * modules themselves live in {@code proxy.ipvs.sched}.
 *
 * <p>Source: Linux {@code include/net/ip_vs.h} and {@code ip_vs_sched.c}. The hooks mirror
 * {@code init_service}, {@code done_service}, {@code add_dest}/{@code del_dest}/{@code upd_dest} and
 * {@code schedule}. State written by {@link #schedule} (cursors, caches) is plain fields updated racily
 * without locks, last writer wins; the kernel serialises some of it with {@code sched_lock}.
 */
public abstract class IpvsScheduler {
    /** {@link #leastOverhead}: compare overheads unweighted, as {@code ip_vs_lc} does. */
    protected static final int UNWEIGHTED = 1;
    /** {@link #leastOverhead}: the overhead is {@code activeconns + 1} ({@code ip_vs_sed_dest_overhead}). */
    protected static final int SED_OVERHEAD = 2;
    /** {@link #leastOverhead}: the first idle destination wins at once, as {@code ip_vs_nq} does. */
    protected static final int IDLE_FIRST = 4;

    /** The module's name as ipvsadm prints it ({@code rr}). */
    public final String name;
    /** The virtual servers this module schedules for. */
    protected final VirtualServerTable vst;
    /** Their destinations. */
    protected final RealServerPool rs;

    /** A module called {@code name} over the given tables. */
    protected IpvsScheduler(String name, VirtualServerTable vst, RealServerPool rs) {
        this.name = name;
        this.vst = vst;
        this.rs = rs;
    }

    /**
     * Picks a destination for a new connection to virtual server {@code v}.
     *
     * @param saddr the {@link IpvsHash#word} of the client address; {@code daddr} likewise of the virtual one
     * @return the destination id, or -1 when none is available (the kernel then answers ICMP unreachable)
     */
    public abstract int schedule(int v, int saddr, int sport, int daddr, long nowNanos);

    /** Grows per-service state to hold slots below {@code n}. */
    public void ensureCapacity(int n) {
    }

    /** {@code init_service}: a virtual server was added in slot {@code v}. */
    public void initService(int v) {
    }

    /** {@code done_service}: slot {@code v} is being removed. */
    public void doneService(int v) {
    }

    /** {@code add_dest}/{@code upd_dest}/{@code del_dest} after the change: the destinations of {@code v} changed. */
    public void destsChanged(int v) {
    }

    /** Called before destination {@code d} is unlinked from {@code v}. */
    public void destRemoving(int v, int d) {
    }

    /**
     * Writes every destination this scheduler could pick for the packet into {@code out} (for explain).
     * The default is every destination with weight above 0, in list order.
     *
     * @return how many were written
     */
    public int candidates(int v, int saddr, int sport, int daddr, int[] out) {
        int n = 0;
        for (int d = vst.firstDest[v]; d >= 0 && n < out.length; d = rs.next[d]) {
            if (rs.weight[d] > 0) {
                out[n++] = d;
            }
        }
        return n;
    }

    /**
     * The least-loaded destination of {@code v} with weight above 0, ties to the earlier one in list order: the
     * one loop of {@code ip_vs_lc}, {@code ip_vs_wlc}, {@code ip_vs_sed}, {@code ip_vs_nq} and
     * {@code __ip_vs_lblc_schedule}. Weighted loads compare as {@code loh * w_d > doh * w_least}, so no division
     * is needed.
     *
     * @param how {@link #UNWEIGHTED}, {@link #SED_OVERHEAD} and {@link #IDLE_FIRST} bits; 0 is wlc
     * @return the destination, or -1 when every weight is 0
     */
    protected final int leastOverhead(int v, int how) {
        int[] next = rs.next;
        int[] weight = rs.weight;
        int[] active = rs.activeConns;
        boolean sed = (how & SED_OVERHEAD) != 0;
        boolean weighted = (how & UNWEIGHTED) == 0;
        boolean idleFirst = (how & IDLE_FIRST) != 0;
        int least = -1;
        long loh = 0;
        for (int d = vst.firstDest[v]; d >= 0; d = next[d]) {
            if (weight[d] <= 0) {
                continue;
            }
            if (idleFirst && active[d] == 0) {
                return d;
            }
            long doh = sed ? active[d] + 1L : rs.overhead(d);
            if (least < 0 || (weighted ? loh * weight[d] > doh * weight[least] : doh < loh)) {
                least = d;
                loh = doh;
            }
        }
        return least;
    }

    /** {@code a} grown to at least {@code n} entries, new ones set to {@code fill}. */
    protected static int[] grow(int[] a, int n, int fill) {
        if (a.length >= n) {
            return a;
        }
        int[] b = Arrays.copyOf(a, Math.max(n, a.length * 2));
        Arrays.fill(b, a.length, b.length, fill);
        return b;
    }
}
