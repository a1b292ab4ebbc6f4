package io.kpbench.proxy.ipvs.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The netlink operations kube-proxy issues against the kernel's IPVS tables ({@code IP_VS_SO_SET_*}): each
 * edits the virtual-server table and the real-server pool in place and calls the scheduler module's hooks.
 *
 * <p>Source: Linux {@code ip_vs_ctl.c} ({@code ip_vs_add_service}, {@code ip_vs_del_service},
 * {@code ip_vs_add_dest}, {@code ip_vs_edit_dest}, {@code ip_vs_del_dest}). A deleted destination leaves its
 * connections to be dropped ({@code expire_nodest_conn = 1}) by {@link #settle} before its slot is reused.
 */
public final class IpvsNetlink {
    private final VirtualServerTable vst;
    private final RealServerPool rs;
    private final IpvsScheduler sched;
    private final List<Integer> pendingRelease = new ArrayList<>();

    /** The operations on {@code vst} and {@code rs}, scheduled by {@code sched}. */
    public IpvsNetlink(VirtualServerTable vst, RealServerPool rs, IpvsScheduler sched) {
        this.vst = vst;
        this.rs = rs;
        this.sched = sched;
        sched.ensureCapacity(vst.capacity());
    }

    /** {@code IP_VS_SO_SET_ADD}: a new virtual server; returns its slot. */
    public int addService(long key, int flags, int timeoutSeconds, int owner, int kind) {
        int v = vst.add(key, flags, timeoutSeconds, owner, kind);
        sched.ensureCapacity(vst.capacity());
        sched.initService(v);
        return v;
    }

    /** {@code IP_VS_SO_SET_EDIT}: new flags and timeout. */
    public void editService(int v, int flags, int timeoutSeconds) {
        vst.flags[v] = flags;
        vst.timeoutSeconds[v] = timeoutSeconds;
    }

    /** {@code IP_VS_SO_SET_DEL}: removes a virtual server and its destinations. */
    public void deleteService(int v) {
        for (int d = vst.firstDest[v]; d >= 0;) {
            int n = rs.next[d];
            rs.unlink(vst, d);
            pendingRelease.add(d);
            d = n;
        }
        sched.doneService(v);
        vst.remove(v);
    }

    /** {@code IP_VS_SO_SET_ADDDEST}: a destination at the head of the list. */
    public int addDest(int v, int addr, int port, int weight) {
        int d = rs.add(vst, v, addr, port, weight);
        sched.destsChanged(v);
        return d;
    }

    /** {@code IP_VS_SO_SET_EDITDEST}: a new weight. */
    public void setWeight(int d, int weight) {
        rs.setWeight(d, weight);
        sched.destsChanged(rs.vs[d]);
    }

    /** {@code IP_VS_SO_SET_DELDEST}: unlinks a destination; its slot is released by {@link #settle}. */
    public void deleteDest(int d) {
        int v = rs.vs[d];
        sched.destRemoving(v, d);
        rs.unlink(vst, d);
        sched.destsChanged(v);
        pendingRelease.add(d);
    }

    /** Drops the connections of deleted destinations from {@code conns}, then frees their slots. */
    public void settle(ConnectionTable conns) {
        if (pendingRelease.isEmpty()) {
            return;
        }
        conns.dropOrphans();
        for (int d : pendingRelease) {
            rs.release(d);
        }
        pendingRelease.clear();
    }
}
