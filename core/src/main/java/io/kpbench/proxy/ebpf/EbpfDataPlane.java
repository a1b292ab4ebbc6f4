package io.kpbench.proxy.ebpf;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.SyncStats;
import io.kpbench.proxy.Verdict;
import io.kpbench.table.AffinityTable;
import io.kpbench.table.LinearProbeLongIntMap;
import io.kpbench.table.StableIds;

/**
 * The {@code ebpf} mode: Cilium's kube-proxy replacement as hash-map lookups, after {@code bpf/lib/lb.h}
 * ({@code lb4_lookup_service}, {@code lb4_local}, {@code lb4_select_backend_id}, {@code lb4_affinity_backend_id},
 * {@code lb4_src_range_ok}) and {@code bpf/bpf_sock.c} ({@code sock4_connect}).
 *
 * <p>A NEW packet costs 2 to 5 map lookups whatever the number of services: service, [internal scope],
 * [source range], [affinity], slot or Maglev entry, backend. In-cluster clients (pods, this node) are translated
 * at {@code connect()} when socket LB is on (later packets need no NAT) and always select at random; Maglev is
 * for north-south traffic only. External traffic to a remote backend is SNATed (Cilium's default SNAT mode), to
 * a local backend it is not; ClusterIPs are not reachable from outside. See {@code package-info} for where this
 * differs from kube-proxy.
 */
public final class EbpfDataPlane implements DataPlane {
    private static final long NONE = Classification.pack(Verdict.NONE, false, -1);
    private static final long DROP = Classification.pack(Verdict.DROP, false, -1);
    private static final long REJECT = Classification.pack(Verdict.REJECT, false, -1);

    private final NodeConfig node;
    private final IpFamily family;
    private final EbpfConfig cfg;
    private final boolean v4;
    private final boolean maglev;
    private final long tupleSeed;
    private final AffinityTable affinity;
    private final EbpfCompiler compiler;
    private volatile LbMaps maps;
    private StableIds backendIds = StableIds.empty();
    private StableIds revNatIds = StableIds.empty();
    private long lookups;

    /** An empty data plane of {@code family} on {@code node}. */
    public EbpfDataPlane(NodeConfig node, IpFamily family, EbpfConfig cfg) {
        this.node = node;
        this.family = family;
        this.cfg = cfg;
        this.v4 = family == IpFamily.IPv4;
        this.maglev = cfg.algorithm() == EbpfConfig.Algorithm.MAGLEV;
        this.tupleSeed = cfg.tupleSeed();
        this.affinity = new AffinityTable(cfg.lbMapMax());
        this.compiler = new EbpfCompiler(node, family, cfg);
        this.maps = new LbMaps(v4);
    }

    @Override
    public SyncStats sync(ClusterSnapshot cluster) {
        return publish(compiler.compile(cluster, backendIds, revNatIds, null), true);
    }

    @Override
    public SyncStats sync(ClusterSnapshot after, ChangeSet changes) {
        return publish(compiler.compile(after, backendIds, revNatIds, changes.touchedServices()), false);
    }

    private SyncStats publish(EbpfCompiler.Result r, boolean full) {
        LbMaps m = r.maps();
        if (affinity.size() > 0) {
            LinearProbeLongIntMap valid = stickyPairs(m);
            affinity.removeIf((key, backend, lastUsed) -> !valid.containsKey(v4 ? ((key & 0xFFFF_FFFFL) << 32) | backend : backend));
        }
        this.backendIds = r.backendIds();
        this.revNatIds = r.revNatIds();
        this.maps = m;
        return new SyncStats(full, 0, 0, 0, r.mapElements());
    }

    /** The (client-free) affinity targets still valid: rev-NAT id and backend (IPv4), or backend (IPv6). */
    private LinearProbeLongIntMap stickyPairs(LbMaps m) {
        LinearProbeLongIntMap valid = new LinearProbeLongIntMap(m.slotsUsed + 1, -1);
        for (int fe = 0; fe < m.frontends; fe++) {
            if ((m.flags[fe] & LbMaps.AFFINITY) == 0) {
                continue;
            }
            for (int s = m.slotStart[fe], end = s + m.count[fe]; s < end; s++) {
                valid.put(v4 ? ((long) m.revNat[fe] << 32) | m.slots[s] : m.slots[s], 1);
            }
        }
        return valid;
    }

    @Override
    public long classify(FiveTuple p, long nowNanos, long random) {
        final LbMaps m = maps;
        if (v4 != p.isV4()) {
            return NONE;
        }
        final long srcHi = p.srcHi();
        final long srcLo = p.srcLo();
        final int proto = p.protocol();
        final int dport = p.dstPort();
        int n = 1;
        int fe = m.services.get(LbMaps.key(v4, p.dstHi(), p.dstLo(), proto, dport, false));
        if (fe < 0 || !m.matches(fe, p)) {
            lookups += n;
            return NONE;
        }
        int flags = m.flags[fe];
        boolean internal = m.inCluster(srcHi, srcLo);
        if (!internal && (flags & LbMaps.CLUSTER_IP) != 0 && !cfg.externalClusterIP()) {
            lookups += n;
            return DROP;
        }
        if (internal && (flags & LbMaps.TWO_SCOPES) != 0) {
            n++;
            fe = m.services.get(LbMaps.key(v4, p.dstHi(), p.dstLo(), proto, dport, true));
        }
        if (!internal && (flags & LbMaps.SOURCE_RANGE) != 0) {
            n++;
            if (!m.sourceAllowed(fe, srcHi, srcLo)) {
                lookups += n;
                return DROP;
            }
        }
        int count = m.count[fe];
        if (count == 0) {
            lookups += n;
            return cfg.noBackendReject() ? REJECT : DROP;
        }
        boolean sock = internal && cfg.socketLB() && m.nodeLocal(srcHi, srcLo);
        int backend = -1;
        long affKey = 0;
        boolean sticky = (flags & LbMaps.AFFINITY) != 0;
        if (sticky) {
            n++;
            affKey = LbMaps.affinityKey(v4, srcHi, srcLo, m.revNat[fe]);
            backend = affinity.lookup(affKey, nowNanos, m.affinityTimeoutNanos[fe]);
        }
        if (backend < 0) {
            n++;
            MaglevTable table = m.maglev[fe];
            if (maglev && !internal && table != null) {
                backend = table.lookup(TupleHash.of(p, tupleSeed, !sticky));
            } else {
                backend = m.slots[m.slotStart[fe] + (int) Long.remainderUnsigned(random, count)];
            }
        }
        n++;
        boolean masq = internal
                ? !sock && m.beHi[backend] == srcHi && m.beLo[backend] == srcLo
                : !m.beLocal[backend];
        if (sticky) {
            affinity.record(affKey, backend, nowNanos);
        }
        lookups += n;
        return Classification.dnat(backend, masq);
    }

    @Override
    public Explanation explain(FiveTuple packet) {
        return new EbpfExplainer(maps, cfg, affinity).explain(packet);
    }

    @Override
    public String endpoint(int id) {
        LbMaps m = maps;
        if (id <= 0 || id >= m.beState.length || m.beState[id] == 0) {
            return "";
        }
        return new IpAddress(m.beHi[id], m.beLo[id]).withPort(m.bePort[id]);
    }

    @Override
    public String render() {
        return LbListRenderer.render(maps);
    }

    /** Map lookups done by {@link #classify} so far (racy across threads; a cheap counter). */
    public long rulesEvaluated() {
        return lookups;
    }

    /** The options this data plane runs with. */
    public EbpfConfig config() {
        return cfg;
    }

    /** Service-map entries in force (master entries plus slots), what {@code bpf-lb-map-max} limits. */
    public int serviceEntries() {
        return maps.serviceEntries;
    }

    /** Backends in force. */
    public int backends() {
        return maps.backends;
    }

    /** The node this data plane serves. */
    public NodeConfig node() {
        return node;
    }

    /** The family of this data plane. */
    public IpFamily family() {
        return family;
    }
}
