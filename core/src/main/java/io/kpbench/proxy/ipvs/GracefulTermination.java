package io.kpbench.proxy.ipvs;

import io.kpbench.net.Protocol;
import io.kpbench.proxy.ipvs.kernel.ConnectionTable;
import io.kpbench.proxy.ipvs.kernel.ServiceKey;
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
    private final IpvsTables tables;
    private final ConnectionTable conns;
    private final Set<Integer> terminating = new LinkedHashSet<>();

    GracefulTermination(IpvsTables tables, ConnectionTable conns) {
        this.tables = tables;
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
            tables.netlink.deleteDest(d);
            return 1;
        }
        tables.netlink.setWeight(d, 0);
        terminating.add(d);
        return 1;
    }

    /** Takes {@code d} off the list and deletes it (it is about to be re-added); returns writes issued. */
    int cancel(int d) {
        terminating.remove(d);
        tables.netlink.deleteDest(d);
        return 1;
    }

    /** Forgets destinations whose virtual server went away. */
    void forgetUnlinked() {
        terminating.removeIf(d -> !tables.rs.linked(d));
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
            tables.netlink.deleteDest(d);
        }
        tables.netlink.settle(conns);
        return done.size();
    }

    private int connections(int d) {
        return tables.rs.activeConns[d] + tables.rs.inactConns[d];
    }

    private boolean needed(int d) {
        int proto = ServiceKey.protocol(tables.vst.key[tables.rs.vs[d]]);
        return proto != Protocol.UDP.number() && proto != Protocol.SCTP.number();
    }
}
