package io.kpbench.proxy.ebpf;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.SyncStats;
import io.kpbench.proxy.ebpf.maps.LbMapBytes;
import io.kpbench.table.AffinityTable;
import java.util.Set;

/**
 * The {@code ebpf} mode's seam: Cilium's kube-proxy replacement as BPF map lookups. Sync runs
 * {@link EbpfCompiler} and publishes its {@link EbpfTables} through one volatile reference (a full sync a new
 * generation; an incremental sync switches only the changed, created or deleted frontends of the published one, each
 * with one write, or publishes a compacted generation when its room is used up, see {@code package-info}); classify is
 * {@link EbpfClassifier}, explain {@link EbpfExplainer}, render {@link EbpfRenderer}. The affinity map is the one
 * piece of state the datapath writes per packet, so it lives here, outside the published tables.
 *
 * <p>A NEW packet costs 1 to 6 map lookups (6 only with the ipcache) whatever the number of services. In-cluster
 * clients are translated at {@code connect()} when socket LB is on and always select at random; Maglev is for
 * north-south traffic only.
 * See {@code package-info} for where this differs from kube-proxy.
 */
public final class EbpfDataPlane implements DataPlane {
    private final EbpfConfig cfg;
    private final AffinityTable affinity;
    private final EbpfCompiler compiler;
    private volatile EbpfTables tables;

    /** An empty data plane of {@code family} on {@code node}. */
    public EbpfDataPlane(NodeConfig node, IpFamily family, EbpfConfig cfg) {
        this.cfg = cfg;
        this.affinity = new AffinityTable(cfg.lbMapMax());
        this.compiler = new EbpfCompiler(node, family, cfg);
        this.tables = EbpfTables.empty(family == IpFamily.IPv4, cfg);
    }

    @Override
    public SyncStats sync(ClusterSnapshot cluster) {
        return publish(cluster, null);
    }

    /**
     * Rewrites only the frontends and backends of the services {@code changes} touches (created and deleted ones
     * included), in the published tables (see {@code package-info}); what cannot be done so is compiled in full.
     * The stats count the service-map entries and backends written or removed.
     */
    @Override
    public SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        Set<ObjectRef> touched = changes.touchedServices();
        EbpfCompiler.Result r = compiler.update(after, tables, touched);
        if (r == null) {
            return publish(after, touched);
        }
        if (r.tables().v4) {
            EbpfCompiler.pruneRemoved(affinity, r.removed());
        } else if (r.removed().size() != 0) {
            EbpfCompiler.pruneAffinity(affinity, r.tables());
        }
        tables = r.tables();
        return new SyncStats(false, 0, 0, 0, r.mapElements());
    }

    /** Compiles {@code cluster} ({@code touched}: the services changed, null for a full sync) and publishes it. */
    private SyncStats publish(ClusterSnapshot cluster, Set<ObjectRef> touched) {
        EbpfCompiler.Result r = compiler.compile(cluster, touched);
        EbpfCompiler.pruneAffinity(affinity, r.tables());
        tables = r.tables();
        return new SyncStats(touched == null, 0, 0, 0, r.mapElements());
    }

    @Override
    public long classify(FiveTuple p, long nowNanos, long random) {
        return EbpfClassifier.classify(tables, affinity, p, nowNanos, random);
    }

    @Override
    public Explanation explain(FiveTuple packet) {
        return new EbpfExplainer(tables, affinity).explain(packet);
    }

    @Override
    public String endpoint(int id) {
        EbpfTables t = tables;
        if (id <= 0 || id >= t.beState.length || t.beState[id] == 0) {
            return "";
        }
        return new IpAddress(t.beHi[id], t.beLo[id]).withPort(t.bePort[id]);
    }

    @Override
    public String render() {
        return EbpfRenderer.render(tables);
    }

    /** The options this data plane runs with. */
    public EbpfConfig config() {
        return cfg;
    }

    /** Service-map entries in force (master entries plus slots), what {@code bpf-lb-map-max} limits. */
    public int serviceEntries() {
        return tables.serviceEntries;
    }

    /** Backends in force. */
    public int backends() {
        return tables.backends;
    }

    /** The bytes of the BPF load-balancing maps in force, from Cilium's map layouts (Maglev: M × 4 B per frontend). */
    public LbMapBytes bpfMapBytes() {
        return tables.bpfMapBytes();
    }

    /** The published tables (tests of this package). */
    EbpfTables tables() {
        return tables;
    }
}
