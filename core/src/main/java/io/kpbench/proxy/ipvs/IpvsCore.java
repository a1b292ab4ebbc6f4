package io.kpbench.proxy.ipvs;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel side of the model: the virtual-server table, the real servers, the scheduler module and the
 * connection table, with the netlink-level operations kube-proxy issues against them.
 *
 * <p>Source: Linux {@code ip_vs_ctl.c} ({@code ip_vs_add_service}, {@code ip_vs_del_service},
 * {@code ip_vs_add_dest}, {@code ip_vs_edit_dest}, {@code ip_vs_del_dest}: each calls the scheduler's hooks).
 * A deleted destination leaves its connections to be dropped ({@code expire_nodest_conn = 1}) before its
 * slot is reused.
 */
final class IpvsCore {
    final IpvsConfig config;
    final AddressBook book;
    final VirtualServerTable vst;
    final RealServerPool rs;
    final IpvsScheduler sched;
    final IpvsConnTable conns;
    private final List<Integer> pendingRelease = new ArrayList<>();

    IpvsCore(IpvsConfig config) {
        this(config, new AddressBook(io.kpbench.net.IpFamily.IPv4));
    }

    IpvsCore(IpvsConfig config, AddressBook book) {
        this.config = config;
        this.book = book;
        this.vst = new VirtualServerTable(config.svcTabBits(), 64, book);
        this.rs = new RealServerPool(256, book);
        this.sched = config.newScheduler(vst, rs);
        this.conns = new IpvsConnTable(rs, config.connTabBits(), config.connHashSeed(), config.connPoolSize());
        sched.ensureCapacity(vst.capacity());
    }

    /** {@code IP_VS_SO_SET_ADD}: a new virtual server; returns its slot. */
    int addService(long key, int flags, int timeoutSeconds, int owner, int kind) {
        int v = vst.add(key, flags, timeoutSeconds, owner, kind);
        sched.ensureCapacity(vst.capacity());
        sched.initService(v);
        return v;
    }

    /** {@code IP_VS_SO_SET_EDIT}: new flags and timeout. */
    void editService(int v, int flags, int timeoutSeconds) {
        vst.flags[v] = flags;
        vst.timeoutSeconds[v] = timeoutSeconds;
    }

    /** {@code IP_VS_SO_SET_DEL}: removes a virtual server and its destinations. */
    void deleteService(int v) {
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
    int addDest(int v, int addr, int port, int weight) {
        int d = rs.add(vst, v, addr, port, weight);
        sched.destsChanged(v);
        return d;
    }

    /** {@code IP_VS_SO_SET_EDITDEST}: a new weight. */
    void setWeight(int d, int weight) {
        rs.setWeight(d, weight);
        sched.destsChanged(rs.vs[d]);
    }

    /** {@code IP_VS_SO_SET_DELDEST}: unlinks a destination; its slot is released by {@link #settle}. */
    void deleteDest(int d) {
        int v = rs.vs[d];
        sched.destRemoving(v, d);
        rs.unlink(vst, d);
        sched.destsChanged(v);
        pendingRelease.add(d);
    }

    /** Drops connections of deleted destinations, then frees their slots. */
    void settle() {
        if (pendingRelease.isEmpty()) {
            return;
        }
        conns.dropOrphans();
        for (int d : pendingRelease) {
            rs.release(d);
        }
        pendingRelease.clear();
    }

    /** The destination of {@code v} at {@code addr:port}, or -1. */
    int findDest(int v, int addr, int port) {
        for (int d = vst.firstDest[v]; d >= 0; d = rs.next[d]) {
            if (rs.addr[d] == addr && rs.port[d] == port) {
                return d;
            }
        }
        return -1;
    }
}
