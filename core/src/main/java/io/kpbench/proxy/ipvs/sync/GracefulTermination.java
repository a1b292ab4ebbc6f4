package io.kpbench.proxy.ipvs.sync;

import io.kpbench.net.Protocol;
import io.kpbench.proxy.ipvs.kernel.ConnectionTable;
import io.kpbench.proxy.ipvs.kernel.IpvsNetlink;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.ServiceKey;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * kube-proxy's graceful termination of IPVS real servers: a removed endpoint of a TCP virtual server that still
 * has connections is set to weight 0 (quiesced: no new connections) and deleted once its active + inactive
 * connection count reaches 0; UDP and SCTP real servers, and idle ones, are deleted at once.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/graceful_termination.go} ({@code GracefulDeleteRS},
 * {@code deleteRsFunc}, {@code IsRsGracefulTerminationNeeded}; the real manager re-checks every minute, this
 * model re-checks at every sync and on {@link #reap}). A terminating endpoint that comes back is deleted and
 * re-added ({@code MoveRSOutofGracefulDeleteList}).
 */
final class GracefulTermination {
    private final IpvsNetlink netlink;
    private final VirtualServerTable vst;
    private final RealServerPool rs;
    private final ConnectionTable conns;
    private final Set<Integer> terminating = new LinkedHashSet<>();

    GracefulTermination(IpvsNetlink netlink, VirtualServerTable vst, RealServerPool rs, ConnectionTable conns) {
        this.netlink = netlink;
        this.vst = vst;
        this.rs = rs;
        this.conns = conns;
    }

    /** True when destination {@code d} is waiting to drain. */
    boolean contains(int d) {
        return terminating.contains(d);
    }

    /** The number of destinations waiting to drain. */
    int size() {
        return terminating.size();
    }

    /**
     * Removes destination {@code d}: deletes it now when it may, else quiesces it.
     *
     * @return netlink writes issued (1)
     */
    int remove(int d) {
        if (!needed(d) || connections(d) == 0) {
            netlink.deleteDest(d);
            return 1;
        }
        netlink.setWeight(d, 0);
        terminating.add(d);
        return 1;
    }

    /** Takes {@code d} off the list and deletes it (it is about to be re-added); returns writes issued. */
    int cancel(int d) {
        terminating.remove(d);
        netlink.deleteDest(d);
        return 1;
    }

    /** Forgets destinations whose virtual server went away. */
    void forgetUnlinked() {
        terminating.removeIf(d -> !rs.linked(d));
    }

    /** Deletes every drained destination; returns the netlink writes issued. */
    int reap() {
        forgetUnlinked();
        List<Integer> done = new ArrayList<>();
        for (int d : terminating) {
            if (connections(d) == 0) {
                done.add(d);
            }
        }
        for (int d : done) {
            terminating.remove(d);
            netlink.deleteDest(d);
        }
        netlink.settle(conns);
        return done.size();
    }

    private int connections(int d) {
        return rs.activeConns[d] + rs.inactConns[d];
    }

    private boolean needed(int d) {
        int proto = ServiceKey.protocol(vst.key[rs.vs[d]]);
        return proto != Protocol.UDP.number() && proto != Protocol.SCTP.number();
    }
}
