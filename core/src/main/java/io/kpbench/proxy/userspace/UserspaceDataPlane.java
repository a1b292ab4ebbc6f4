package io.kpbench.proxy.userspace;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.SyncStats;
import io.kpbench.table.AffinityTable;
import java.util.List;

/**
 * The {@code userspace} mode's seam: kube-proxy's legacy userspace proxier ({@code pkg/proxy/userspace}, removed
 * in 1.26) with {@code LoadBalancerRR}. Sync runs {@link UserspaceCompiler} and publishes its
 * {@link UserspaceTables} through one volatile reference (a full sync a new generation; an incremental sync
 * switches only the changed service ports' rotations, each with one write, see {@code package-info}); classify is
 * {@link UserspaceClassifier}, explain
 * {@link UserspaceExplainer}, render {@link UserspaceRenderer}. The ClientIP affinity map lives here, outside
 * the published tables, because it is written per connection.
 *
 * <p>Every connection is DNAT-equivalent (the proxy connects to the endpoint) and masqueraded (from the node
 * IP); a service port without endpoints is REJECTed. Traffic policies, topology and source ranges are ignored,
 * as the original did. See {@code package-info}.
 */
public final class UserspaceDataPlane implements DataPlane {
    private final UserspaceCompiler compiler;
    private final AffinityTable affinity;
    private volatile UserspaceTables tables;

    /** An empty proxier of {@code family} on {@code node}; at most {@code affinityEntries} sticky clients. */
    public UserspaceDataPlane(NodeConfig node, IpFamily family, int affinityEntries) {
        this.compiler = new UserspaceCompiler(node, family);
        this.affinity = new AffinityTable(affinityEntries);
        this.tables = UserspaceTables.empty(family == IpFamily.IPv4);
    }

    @Override
    public SyncStats sync(ClusterSnapshot cluster) {
        UserspaceTables t = compiler.compile(cluster, tables).tables();
        publish(t);
        return new SyncStats(true, 0, 0, 0, t.frontends + t.endpointsUsed);
    }

    /**
     * Rewrites only the service ports of the services {@code changes} touches, in the published tables (see
     * {@code package-info}): changed rotations, and the portals and balancer states of services added, deleted or
     * respecified; what cannot be done so is compiled in full. The stats count the balancer states and rotation
     * entries written (or closed).
     */
    @Override
    public SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        UserspaceCompiler.Result r = compiler.update(after, tables, changes.touchedServices());
        if (r == null) {
            r = compiler.compile(after, tables);
            UserspaceTables t = r.tables();
            publish(t);
            return new SyncStats(false, 0, 0, 0, t.frontends + t.endpointsUsed);
        }
        UserspaceCompiler.pruneRemoved(affinity, r.tables().v4, r.removed());
        tables = r.tables();
        return new SyncStats(false, 0, 0, 0, r.written());
    }

    /** Prunes the affinity map for {@code t} and (re)publishes it. */
    private void publish(UserspaceTables t) {
        UserspaceCompiler.pruneAffinity(affinity, t);
        tables = t;
    }

    @Override
    public long classify(FiveTuple p, long nowNanos, long random) {
        return UserspaceClassifier.classify(tables, affinity, p, nowNanos);
    }

    @Override
    public Explanation explain(FiveTuple p) {
        return UserspaceExplainer.explain(tables, affinity, p);
    }

    @Override
    public String endpoint(int id) {
        UserspaceTables t = tables;
        return id > 0 && id < t.epText.length && t.epText[id] != null ? t.epText[id] : "";
    }

    @Override
    public String render() {
        return UserspaceRenderer.render(tables, compiler.liveRows());
    }

    /** The endpoints of service port {@code name} ({@code ns/svc[:port]/PROTO}) in round-robin order. */
    public List<String> rotation(String name) {
        return UserspaceRenderer.rotation(tables, name);
    }

    /** The published tables (tests of this package). */
    UserspaceTables tables() {
        return tables;
    }
}
