package io.kpbench.proxy.ipvs;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.PublishingDataPlane;
import io.kpbench.proxy.ipvs.kernel.ConnectionTable;

/**
 * kube-proxy's IPVS mode on one node for one IP family, as a {@link DataPlane}: delegation only. The sync goes
 * to {@link IpvsCompiler}, a packet to {@link IpvsClassifier}, a trace to {@link IpvsExplainer}, the text to
 * {@link IpvsRenderer}. A dual-stack node runs one per family, as kube-proxy's MetaProxier runs two single-stack
 * proxiers.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go} ({@code NewProxier}, {@code syncProxyRules}). The
 * {@link IpvsTables} are edited in place by each sync (as the kernel's are by netlink) and republished through
 * one volatile reference; the {@link ConnectionTable} is the per-packet state every first packet writes.
 */
public final class IpvsDataPlane extends PublishingDataPlane<IpvsTables, IpvsCompiler> {
    private final NodeConfig node;
    private final ConnectionTable connections;
    private volatile IpvsTables tables;

    /** An empty IPVS data plane for {@code node} and the addresses of {@code family}. */
    public IpvsDataPlane(NodeConfig node, IpFamily family, IpvsConfig config) {
        this(node, new IpvsCompiler(node, new IpvsTables(node, family, config)));
    }

    private IpvsDataPlane(NodeConfig node, IpvsCompiler compiler) {
        super(compiler, (t, packet) -> IpvsExplainer.explain(t, compiler, packet), (t, id) -> t.rs.text(id),
                t -> IpvsRenderer.render(node, t));
        this.node = node;
        this.connections = compiler.connections();
        this.tables = compiler.tables();
    }

    /** The IP family of this plane. */
    public IpFamily family() {
        return tables.book.family();
    }

    /** The configuration. */
    public IpvsConfig config() {
        return tables.config;
    }

    @Override
    protected void publish(IpvsTables published) {
        tables = published;
    }

    /** The netlink reads (virtual-server and real-server dumps) the last sync issued: 3 per virtual server. */
    public long netlinkReads() {
        return compiler.netlinkReads();
    }

    /** Frees expired connections and templates as the kernel's timers would by {@code nowNanos}. */
    public int expireConnections(long nowNanos) {
        return connections.expire(nowNanos);
    }

    /** Deletes drained gracefully-terminating real servers now (kube-proxy checks every minute). */
    public int reapGracefulTermination() {
        return compiler.reapGracefulTermination();
    }

    @Override
    public long classify(FiveTuple packet, long nowNanos, long random) {
        return IpvsClassifier.classify(tables, connections, packet, nowNanos);
    }

    /** Real servers quiesced and waiting to drain (tests of this package). */
    int gracefullyTerminating() {
        return compiler.gracefullyTerminating();
    }

    /** The node (tests of this package). */
    NodeConfig node() {
        return node;
    }

    /** The tables (tests of this package). */
    IpvsTables tables() {
        return tables;
    }

    /** The connection table (tests of this package). */
    ConnectionTable connections() {
        return connections;
    }
}
