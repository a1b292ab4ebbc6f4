package io.kpbench.proxy.ebpf;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.KeyClaims;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortEndpoints;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.proxy.ebpf.maglev.MaglevTable;
import io.kpbench.proxy.ebpf.maps.LbMapFullException;
import io.kpbench.table.AffinityTable;
import io.kpbench.table.LinearProbeLongIntMap;
import io.kpbench.table.LinearProbeLongTupleSet;
import io.kpbench.table.RefCountedIds;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a cluster snapshot into one generation of {@link EbpfTables}: the Cilium agent's service reconciler
 * ({@code pkg/loadbalancer}: tables to BPF maps) for one node and family. Each service port gets a ClusterIP
 * frontend, NodePort frontends on the node's addresses (plus the {@code 0.0.0.0:port} surrogate the socket LB
 * matches), and externalIP and LB-VIP frontends, one rev-NAT id per frontend address, written as
 * {@code lbmap.UpsertService} does: the master entry (slot 0: count, flags) plus slots {@code 1..count}, an
 * internal-scope copy when eTP and iTP differ ({@code two-scopes}), the LB source ranges, a Maglev table per
 * frontend address (not per service port: Cilium keys them by rev-NAT id), and with
 * {@link EbpfConfig#dropVirtualIPTraffic} a wildcard entry per ClusterIP and LB VIP. Backends per scope come from
 * {@link ServicePortEndpoints#categorized}: Cluster policy uses the cluster list, Local policy the local list.
 */
final class EbpfCompiler {
    private final NodeConfig node;
    private final IpFamily family;
    private final EbpfConfig cfg;
    private final List<IpAddress> nodePortAddresses = new ArrayList<>();
    private final IpAddress any;
    private final long maglevSeed;
    /** Backend ids by backend key ({@code ip:port/PROTO}), refcounted by the frontends' slots, kept stable. */
    private RefCountedIds backendIds = RefCountedIds.empty();
    /** Rev-NAT ids by frontend address text ({@code ip:port/PROTO}), kept stable while the frontend exists. */
    private RefCountedIds revNats = RefCountedIds.empty();
    /** Per external-scope service-map key, the service ports that ask for it (the first in order gets it). */
    private final KeyClaims claims = new KeyClaims();
    /** Per service: what the last sync compiled it into. */
    private Map<ObjectRef, Compiled> services = new HashMap<>();
    /** The nodes of the last full sync (the pod CIDRs and node addresses the sources were built from). */
    private Map<String, Node> nodes = Map.of();
    /** Every node address of those nodes (host-network pods: never in the ipcache). */
    private LinearProbeLongTupleSet nodeIPs = new LinearProbeLongTupleSet(2);
    /** Full sync: the service-map keys the service being written has put (null otherwise). */
    private List<Long> owned;
    /** Incremental sync: the keys the service being rewritten owns, and the new row each will point at. */
    private Set<Long> own;
    private Map<Long, Integer> flips;
    /** The rev-NAT allocation and, for an incremental sync, the service map being written (null otherwise). */
    private RefCountedIds revs;
    private LinearProbeLongIntMap writing;
    /** The backend keys formatted so far in this sync, by endpoint (a new map per sync). */
    private Map<EndpointInfo, String> keyCache = new IdentityHashMap<>();

    /**
     * What one service was compiled into: its ports, the service-map keys it owns (the first service to claim
     * an address keeps it), the backend key of every endpoint in the backend map (once per port, the refcounts)
     * and the service-map entries it counts.
     */
    private record Compiled(List<ServicePortInfo> infos, long[] keys, List<String> backends, int entries) {
    }

    /**
     * One generation and the map elements the sync wrote; for an incremental sync, the (rev-NAT id, backend id)
     * pairs affinity frontends lost, packed as {@code rev << 32 | backend} (else null).
     */
    record Result(EbpfTables tables, int mapElements, LinearProbeLongIntMap removed) {
    }

    EbpfCompiler(NodeConfig node, IpFamily family, EbpfConfig cfg) {
        this.node = node;
        this.family = family;
        this.cfg = cfg;
        this.maglevSeed = cfg.maglevSeed();
        this.any = family == IpFamily.IPv4 ? IpAddress.ofV4(0) : new IpAddress(0L, 0L);
        for (IpAddress ip : node.nodeIPs(family)) {
            boolean selected = node.nodePortAddresses().isEmpty();
            for (Cidr c : node.nodePortAddresses()) {
                selected |= c.contains(ip);
            }
            if (selected) {
                nodePortAddresses.add(ip);
            }
        }
    }

    /**
     * Compiles {@code cluster} into a new generation, continuing the id allocation of the syncs before;
     * {@code touched} (or null for all) limits what counts as written.
     *
     * @throws LbMapFullException when the backend or service map would exceed {@code bpf-lb-map-max}
     */
    Result compile(ClusterSnapshot cluster, Set<ObjectRef> touched) {
        keyCache = new IdentityHashMap<>();
        List<ServicePortEndpoints> ports = ServicePortEndpoints.of(cluster, family, node);
        Map<String, Integer> keys = new LinkedHashMap<>();
        for (ServicePortEndpoints sp : ports) {
            for (EndpointInfo ep : sp.endpoints()) {
                if (inBackendMap(ep)) {
                    keys.merge(key(ep, sp.info()), 1, Integer::sum);
                }
            }
        }
        if (keys.size() > cfg.lbMapMax()) {
            throw new LbMapFullException("backend", keys.size(), cfg.lbMapMax());
        }
        RefCountedIds ids = backendIds.copy();
        ids.assignAll(keys);
        Map<String, Integer> frontends = new LinkedHashMap<>();
        Map<Long, Integer> claimed = new HashMap<>();
        for (ServicePortEndpoints sp : ports) {
            for (String text : frontendTexts(sp.info())) {
                frontends.put(text, 1);
            }
            for (long k : wantedKeys(sp.info())) {
                claimed.merge(k, 1, Integer::sum);
            }
        }
        RefCountedIds rn = revNats.copy();
        rn.assignAll(frontends);
        revs = rn;
        EbpfTables t = new EbpfTables(family == IpFamily.IPv4, cfg);
        sources(t, cluster);
        t.sizeBackends(ids.maxId());
        int written = 0;
        for (ServicePortEndpoints sp : ports) {
            for (EndpointInfo ep : sp.endpoints()) {
                if (inBackendMap(ep)) {
                    String key = key(ep, sp.info());
                    int id = ids.id(key);
                    written += backendIds.id(key) == id ? 0 : 1;
                    t.putBackend(id, ep.ip().hi(), ep.ip().lo(), ep.port(),
                            ep.ready() ? EbpfTables.ACTIVE : EbpfTables.TERMINATING, ep.local(), key);
                }
            }
        }
        Map<ObjectRef, Compiled> compiled = new HashMap<>();
        for (ServicePortEndpoints sp : ports) {
            owned = new ArrayList<>();
            int entries = writeFrontends(t, sp.info(), idsOf(sp.categorized().cluster(), sp.info(), ids),
                    idsOf(sp.categorized().local(), sp.info(), ids));
            if (touched == null || touched.contains(sp.service().ref())) {
                written += entries;
            }
            compiled.merge(sp.service().ref(), new Compiled(List.of(sp.info()), unbox(owned), backendKeys(sp),
                    entries), EbpfCompiler::merge);
        }
        owned = null;
        if (t.wildcards != null) {
            for (ServicePortEndpoints sp : ports) {
                wildcards(t, sp.info());
            }
        }
        if (t.serviceEntries > cfg.lbMapMax()) {
            throw new LbMapFullException("service", t.serviceEntries, cfg.lbMapMax());
        }
        t.reserve();
        backendIds = ids;
        revNats = rn;
        revs = null;
        keyCache = new IdentityHashMap<>();
        claims.reset(claimed);
        services = compiled;
        nodes = cluster.nodes();
        nodeIPs = nodeIPs(cluster);
        return new Result(t, touched == null ? t.serviceEntries + t.backends : written, null);
    }

    /**
     * Applies the changes to the {@code touched} services to the published generation as Cilium's service manager
     * does ({@code pkg/service} {@code UpsertService}/{@code DeleteService}; 1.16+ {@code pkg/loadbalancer}
     * reconciler): backends acquired and refcounted, each upserted frontend's slots and Maglev table rebuilt, its
     * master entry switched last, a deleted frontend's entries removed and its backends released. Each owned
     * service-map key gets a new row (appended, with its slots), then, after a release fence, the key is pointed at
     * it with one write; a new key is inserted in place when the map has {@link LinearProbeLongIntMap#headroom} (its
     * internal-scope key first), and a removal edits a copy of the service map published with one write. When the
     * appended rows would overflow the room, the live rows are first copied into a new generation
     * ({@link EbpfTables#compacted}), which the caller publishes. Returns null, having changed nothing, when this
     * cannot follow a full compile exactly: an ipcache in use or touched, changed nodes, a created or respecified
     * service with source ranges, wildcard entries on, a frontend address that another service also claims (the
     * first in order keeps it), or a map that might overflow; the caller then compiles in full.
     */
    Result update(ClusterSnapshot cluster, EbpfTables published, Set<ObjectRef> touched) {
        if (published.ipcacheInUse() || !cluster.nodes().equals(nodes)) {
            return null;
        }
        keyCache = new IdentityHashMap<>();
        List<Plan> plans = new ArrayList<>();
        Set<String> fresh = new HashSet<>();
        claims.abandon();
        long rows = 0;
        long slotBound = 0;
        long entriesBefore = 0;
        int newKeys = 0;
        boolean removes = false;
        for (ObjectRef ref : touched) {
            for (EndpointSlice s : cluster.slicesOf(ref)) {
                if (entersIpcache(published, cluster, s)) {
                    return null;
                }
            }
            List<ServicePortEndpoints> ports = ServicePortEndpoints.of(cluster, ref, family, node);
            Compiled c = services.get(ref);
            if (c == null && ports.isEmpty()) {
                continue;
            }
            boolean sameSpec = c != null && sameSpec(c.infos(), ports);
            int keys = c == null ? 0 : c.keys().length;
            if (!sameSpec) {
                if (published.wildcards != null) {
                    return null;
                }
                if (c != null) {
                    removes = true;
                    for (ServicePortInfo spi : c.infos()) {
                        for (long k : wantedKeys(spi)) {
                            if (!claims.claim(k, -1, 0)) {
                                return null;
                            }
                        }
                    }
                }
                keys = 0;
                for (ServicePortEndpoints sp : ports) {
                    if (!sp.info().loadBalancerSourceRanges().isEmpty()) {
                        return null;
                    }
                    for (long k : wantedKeys(sp.info())) {
                        if (!claims.claim(k, 1, 1)) {
                            return null;
                        }
                        keys += 2;
                    }
                }
                newKeys += keys;
            }
            int longest = 0;
            for (ServicePortEndpoints sp : ports) {
                longest = Math.max(longest, Math.max(sp.categorized().cluster().size(),
                        sp.categorized().local().size()));
                for (String key : backendKeys(sp)) {
                    if (backendIds.id(key) < 0) {
                        fresh.add(key);
                    }
                }
            }
            rows += keys;
            slotBound += (long) keys * longest;
            entriesBefore += c == null ? 0 : c.entries();
            plans.add(new Plan(ref, c, ports, sameSpec));
        }
        if (backendIds.size() + fresh.size() > cfg.lbMapMax()
                || published.serviceEntries - entriesBefore + rows + slotBound > cfg.lbMapMax()
                || backendIds.maxIdAfter(fresh.size()) >= published.beHi.length) {
            return null;
        }
        EbpfTables t = published;
        if (rows > t.frontendRoom() || slotBound > t.slotRoom()) {
            t = published.compacted();
            if (rows > t.frontendRoom() || slotBound > t.slotRoom()) {
                return null;
            }
        }
        boolean inPlace = t == published && !removes && t.services.headroom() >= newKeys;
        writing = t == published && !inPlace ? t.services.copy() : t.services;
        revs = revNats;
        int written = 0;
        LinearProbeLongIntMap removed = new LinearProbeLongIntMap(4, -1);
        for (Plan plan : plans) {
            written += apply(t, plan, inPlace, removed);
        }
        claims.commit();
        VarHandle.releaseFence();
        t.services = writing;
        writing = null;
        revs = null;
        own = null;
        flips = null;
        return new Result(t, written, removed);
    }

    /** One touched service: what it was compiled into (null if new), its ports now, and whether its spec held. */
    private record Plan(ObjectRef ref, Compiled old, List<ServicePortEndpoints> ports, boolean sameSpec) {
    }

    /** Writes one planned service into {@code t} and {@link #writing}; returns the entries written. */
    private int apply(EbpfTables t, Plan plan, boolean inPlace, LinearProbeLongIntMap removed) {
        Compiled c = plan.old();
        List<String> backends = new ArrayList<>();
        int written = 0;
        for (ServicePortEndpoints sp : plan.ports()) {
            for (EndpointInfo ep : sp.endpoints()) {
                if (inBackendMap(ep)) {
                    String key = key(ep, sp.info());
                    written += backendIds.id(key) < 0 ? 1 : 0;
                    backends.add(key);
                    t.putBackend(backendIds.acquire(key), ep.ip().hi(), ep.ip().lo(), ep.port(),
                            ep.ready() ? EbpfTables.ACTIVE : EbpfTables.TERMINATING, ep.local(), key);
                }
            }
        }
        own = new HashSet<>();
        if (plan.sameSpec()) {
            for (long key : c.keys()) {
                own.add(key);
            }
        } else {
            for (ServicePortEndpoints sp : plan.ports()) {
                own.addAll(wantedKeys(sp.info()));
                for (String text : frontendTexts(sp.info())) {
                    revNats.acquire(text);
                }
            }
        }
        long[] oldKeys = c == null ? new long[0] : c.keys();
        int[] oldRows = new int[oldKeys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            oldRows[i] = writing.get(oldKeys[i]);
        }
        flips = new LinkedHashMap<>();
        int entries = 0;
        for (ServicePortEndpoints sp : plan.ports()) {
            entries += writeFrontends(t, sp.info(), idsOf(sp.categorized().cluster(), sp.info(), backendIds),
                    idsOf(sp.categorized().local(), sp.info(), backendIds));
        }
        affinityLost(t, oldRows, flips.values(), removed);
        if (inPlace) {
            VarHandle.releaseFence();
        }
        if (!plan.sameSpec()) {
            for (long key : oldKeys) {
                writing.remove(key);
            }
        }
        flips.forEach((key, fe) -> {
            if (!own.contains(key)) {
                writing.put(key, fe);
            }
        });
        flips.forEach((key, fe) -> {
            if (own.contains(key)) {
                writing.put(key, fe);
            }
        });
        if (c != null) {
            t.serviceEntries -= c.entries();
            for (String key : c.backends()) {
                if (backendIds.release(key)) {
                    t.backends--;
                }
            }
            if (!plan.sameSpec()) {
                written += c.entries();
                for (ServicePortInfo spi : c.infos()) {
                    for (String text : frontendTexts(spi)) {
                        revNats.release(text);
                    }
                }
            }
        }
        if (plan.ports().isEmpty()) {
            services.remove(plan.ref());
        } else {
            List<ServicePortInfo> infos = new ArrayList<>();
            plan.ports().forEach(sp -> infos.add(sp.info()));
            services.put(plan.ref(), new Compiled(List.copyOf(infos), plan.sameSpec() ? c.keys()
                    : unbox(new ArrayList<>(flips.keySet())), List.copyOf(backends), entries));
        }
        return written + entries;
    }

    /** True when {@code ports} have exactly the specs {@code infos} were compiled from. */
    private static boolean sameSpec(List<ServicePortInfo> infos, List<ServicePortEndpoints> ports) {
        if (infos.size() != ports.size()) {
            return false;
        }
        for (int i = 0; i < ports.size(); i++) {
            if (!ports.get(i).info().equals(infos.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Adds the (rev-NAT, backend) pairs rows {@code before} hold and rows {@code after} do not. */
    private static void affinityLost(EbpfTables t, int[] before, Collection<Integer> after,
            LinearProbeLongIntMap removed) {
        LinearProbeLongIntMap kept = new LinearProbeLongIntMap(4, -1);
        for (int fe : after) {
            pairs(t, fe, kept);
        }
        for (int old : before) {
            if (old >= 0) {
                pairs(t, old, removed);
            }
        }
        for (int slot = 0; slot < kept.capacity(); slot++) {
            if (kept.occupied(slot)) {
                removed.remove(kept.keyAt(slot));
            }
        }
    }

    private static void pairs(EbpfTables t, int fe, LinearProbeLongIntMap out) {
        if ((t.flags[fe] & EbpfTables.AFFINITY) == 0) {
            return;
        }
        for (int s = t.slotStart[fe], end = s + t.count[fe]; s < end; s++) {
            out.put(((long) t.revNat[fe] << 32) | t.slots[s], 1);
        }
    }

    /**
     * Drops the affinity entries whose frontend lost the backend (or its affinity) in {@code next}, as the agent
     * garbage-collects the affinity map: keyed (client-free) by rev-NAT id and backend for IPv4, by backend for
     * IPv6.
     */
    static void pruneAffinity(AffinityTable affinity, EbpfTables next) {
        if (affinity.size() == 0) {
            return;
        }
        boolean v4 = next.v4;
        LinearProbeLongIntMap valid = new LinearProbeLongIntMap(next.slotsUsed + 1, -1);
        for (int fe : next.liveFrontends()) {
            if ((next.flags[fe] & EbpfTables.AFFINITY) == 0) {
                continue;
            }
            for (int s = next.slotStart[fe], end = s + next.count[fe]; s < end; s++) {
                valid.put(v4 ? ((long) next.revNat[fe] << 32) | next.slots[s] : next.slots[s], 1);
            }
        }
        affinity.removeIf((key, backend, lastUsed) -> !valid.containsKey(v4 ? ((key & 0xFFFF_FFFFL) << 32) | backend
                : backend));
    }

    /** Drops the IPv4 affinity entries of the pairs an incremental sync removed. */
    static void pruneRemoved(AffinityTable affinity, LinearProbeLongIntMap removed) {
        if (affinity.size() == 0 || removed.size() == 0) {
            return;
        }
        affinity.removeIf((key, backend, lastUsed) -> removed.containsKey(((key & 0xFFFF_FFFFL) << 32) | backend));
    }

    /** Ready, or serving and terminating (kept for existing connections and the terminating fall-back). */
    private static boolean inBackendMap(EndpointInfo ep) {
        return ep.ready() || ep.serving() && ep.terminating();
    }

    /**
     * The sources Cilium treats as in-cluster: the pod CIDRs of every node (its ipcache knows them from the node
     * objects, with or without kube-proxy's {@code --cluster-cidr}), the cluster CIDRs when given, this node, and
     * the pods outside all of those ({@link #ipcache}).
     */
    private void sources(EbpfTables t, ClusterSnapshot cluster) {
        List<Cidr> pods = node.clusterCIDRs(family);
        t.clusterSources.addAll(pods);
        for (Node n : cluster.nodes().values()) {
            for (Cidr c : n.podCIDRs()) {
                if (c.family() == family) {
                    t.clusterSources.add(c);
                }
            }
        }
        for (IpAddress ip : node.nodeIPs(family)) {
            t.nodeLocalSources.add(ip);
        }
        t.nodeLocalSources.add(family == IpFamily.IPv4 ? Cidr.parse("127.0.0.0/8") : Cidr.parse("::1/128"));
        Node self = cluster.node(node.nodeName());
        List<Cidr> local = new ArrayList<>();
        if (self != null) {
            for (Cidr c : self.podCIDRs()) {
                if (c.family() == family) {
                    local.add(c);
                }
            }
        }
        t.nodeLocalSources.addAll(local.isEmpty() ? pods : local);
        ipcache(t, cluster);
    }

    /**
     * Fills the ipcache with the cluster's pod addresses of this family that no pod CIDR or node address already
     * covers: Cilium's agent writes {@code cilium_ipcache} from the CiliumEndpoints, one per pod whatever the IPAM
     * mode, so a pod of the AWS VPC CNI (address from the node subnet, no {@code podCIDR}) is in-cluster too. A pod
     * is an endpoint whose {@code targetRef} is a Pod or whose {@code nodeName} is a Node of the cluster (as the
     * path model places pods); a selector-less Service's manual endpoint or the EKS API server's ENIs are neither,
     * and host-network pods (a node's own address) get no CiliumEndpoint. A pod whose {@code nodeName} is this node
     * is marked local, so that socket LB serves it as it serves a local pod CIDR. Rebuilt with every generation, so
     * an incremental sync adds and drops pods as their slices come and go.
     */
    private void ipcache(EbpfTables t, ClusterSnapshot cluster) {
        LinearProbeLongTupleSet hosts = nodeIPs(cluster);
        for (EndpointSlice s : cluster.slices().values()) {
            if (s.addressType() != family) {
                continue;
            }
            for (Endpoint e : s.endpoints()) {
                for (IpAddress ip : podAddresses(cluster, e)) {
                    if (ip.family() == family && !t.clusterSources.contains(ip.hi(), ip.lo())
                            && !hosts.contains(ip.hi(), ip.lo())) {
                        t.ipcache.put(ip.hi(), ip.lo(), node.nodeName().equals(e.nodeName()) ? EbpfTables.LOCAL_POD
                                : EbpfTables.REMOTE_POD);
                    }
                }
            }
        }
    }

    private static LinearProbeLongTupleSet nodeIPs(ClusterSnapshot cluster) {
        LinearProbeLongTupleSet out = new LinearProbeLongTupleSet(2);
        for (Node n : cluster.nodes().values()) {
            for (NodeAddress a : n.addresses()) {
                if (a.ip() != null) {
                    out.add(a.ip().hi(), a.ip().lo());
                }
            }
        }
        return out;
    }

    /** The addresses of {@code e} if it is a pod (see {@link #ipcache}), else none. */
    private static List<IpAddress> podAddresses(ClusterSnapshot cluster, Endpoint e) {
        boolean pod = e.targetRef() != null && e.targetRef().isPod()
                || e.nodeName() != null && cluster.node(e.nodeName()) != null;
        return pod ? e.addresses() : List.of();
    }

    /** True when slice {@code s} holds a pod address the ipcache would take (an incremental sync cannot). */
    private boolean entersIpcache(EbpfTables t, ClusterSnapshot cluster, EndpointSlice s) {
        if (s.addressType() != family) {
            return false;
        }
        for (Endpoint e : s.endpoints()) {
            for (IpAddress ip : podAddresses(cluster, e)) {
                if (ip.family() == family && !t.clusterSources.contains(ip.hi(), ip.lo())
                        && !nodeIPs.contains(ip.hi(), ip.lo())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The text of every frontend address of {@code spi} (the keys of rev-NAT ids), in write order. */
    private List<String> frontendTexts(ServicePortInfo spi) {
        List<String> out = new ArrayList<>();
        String proto = "/" + spi.protocol().name();
        forEachFrontend(spi, (ip, port) -> out.add(ip.withPort(port) + proto));
        return out;
    }

    /** The external-scope service-map key of every frontend address of {@code spi}, in write order. */
    private List<Long> wantedKeys(ServicePortInfo spi) {
        List<Long> out = new ArrayList<>();
        int proto = spi.protocol().number();
        boolean v4 = family == IpFamily.IPv4;
        forEachFrontend(spi, (ip, port) -> out.add(EbpfTables.key(v4, ip.hi(), ip.lo(), proto, port, false)));
        return out;
    }

    /** A frontend address and port. */
    private interface FrontendSink {
        void accept(IpAddress ip, int port);
    }

    /** Calls {@code sink} for every frontend address of {@code spi}, in the order {@link #writeFrontends} writes. */
    private void forEachFrontend(ServicePortInfo spi, FrontendSink sink) {
        sink.accept(spi.clusterIP(), spi.port());
        if (spi.nodePort() != 0) {
            sink.accept(any, spi.nodePort());
            for (IpAddress ip : nodePortAddresses) {
                sink.accept(ip, spi.nodePort());
            }
        }
        for (IpAddress ip : spi.externalIPs()) {
            sink.accept(ip, spi.port());
        }
        for (IpAddress ip : spi.loadBalancerVIPs()) {
            sink.accept(ip, spi.port());
        }
    }

    /** Writes every frontend of {@code spi}; returns the service-map entries written. */
    private int writeFrontends(EbpfTables t, ServicePortInfo spi, int[] cluster, int[] local) {
        int before = t.serviceEntries;
        int common = spi.clientIPAffinity() ? EbpfTables.AFFINITY : 0;
        common |= spi.internalPolicyLocal() ? EbpfTables.INTERNAL_LOCAL : 0;
        int[] internal = spi.internalPolicyLocal() ? local : cluster;
        int[] external = spi.externalPolicyLocal() ? local : cluster;
        boolean twoScopes = spi.externalPolicyLocal() != spi.internalPolicyLocal();
        int ext = common | (spi.externalPolicyLocal() ? EbpfTables.LOCAL : 0)
                | (twoScopes ? EbpfTables.TWO_SCOPES : 0);

        add(t, spi, spi.clusterIP(), spi.port(), common | EbpfTables.CLUSTER_IP | EbpfTables.NON_ROUTABLE, internal,
                null, cfg.externalClusterIP());
        if (spi.nodePort() != 0) {
            add(t, spi, any, spi.nodePort(), ext | EbpfTables.NODE_PORT | EbpfTables.NON_ROUTABLE, external,
                    internal, false);
            for (IpAddress ip : nodePortAddresses) {
                add(t, spi, ip, spi.nodePort(), ext | EbpfTables.NODE_PORT, external, internal, true);
            }
        }
        for (IpAddress ip : spi.externalIPs()) {
            add(t, spi, ip, spi.port(), ext | EbpfTables.EXTERNAL_IPS, external, internal, true);
        }
        int ranges = spi.loadBalancerSourceRanges().isEmpty() ? 0 : EbpfTables.SOURCE_RANGE;
        for (IpAddress ip : spi.loadBalancerVIPs()) {
            add(t, spi, ip, spi.port(), ext | EbpfTables.LOAD_BALANCER | ranges, external, internal, true);
        }
        return t.serviceEntries - before;
    }

    /**
     * Writes the wildcard entries of {@code spi} ({@link EbpfConfig#dropVirtualIPTraffic}): one {@code address:0/ANY}
     * entry per ClusterIP and LB VIP, shared by every frontend on that address, none for an address of this node
     * (Cilium 1.19 {@code bpf_reconciler.go upsertWildcard}, {@code IsWildcardCandidate}, the {@code isLocalAddr}
     * check; LB-IPAM is taken to own every VIP). Non-routable, as Cilium writes them.
     */
    private void wildcards(EbpfTables t, ServicePortInfo spi) {
        t.addWildcard(spi.clusterIP(), EbpfTables.CLUSTER_IP | EbpfTables.NON_ROUTABLE);
        for (IpAddress ip : spi.loadBalancerVIPs()) {
            if (!node.nodeIPs(family).contains(ip)) {
                t.addWildcard(ip, EbpfTables.LOAD_BALANCER | EbpfTables.NON_ROUTABLE);
            }
        }
    }

    /**
     * Writes the frontend {@code ip:port} (both scopes when two); with {@code maglev} and Maglev selection the
     * frontend gets its own table, built afresh as Cilium's reconciler does per frontend ({@code pkg/maglev
     * GetLookupTable}, N·M work each, counted in {@link EbpfTables#maglevBuildWork}).
     */
    private void add(EbpfTables t, ServicePortInfo spi, IpAddress ip, int port, int flags, int[] backends,
            int[] internal, boolean maglev) {
        int proto = spi.protocol().number();
        long key = EbpfTables.key(t.v4, ip.hi(), ip.lo(), proto, port, false);
        if (flips != null ? !own.contains(key) : t.services.containsKey(key)) {
            return;
        }
        int rev = revs.id(ip.withPort(port) + "/" + spi.protocol().name());
        int fe = entry(t, spi, ip, port, rev, flags, backends);
        place(t, key, fe);
        if (maglev && cfg.algorithm() == EbpfConfig.Algorithm.MAGLEV && backends.length > 0) {
            t.maglev[fe] = maglev(t, backends);
            t.maglevBuildWork += (long) backends.length * cfg.maglevTableSize();
        }
        if ((flags & EbpfTables.SOURCE_RANGE) != 0 && flips != null) {
            int old = writing.get(key);
            t.rangeStart[fe] = t.rangeStart[old];
            t.rangeCount[fe] = t.rangeCount[old];
        } else if ((flags & EbpfTables.SOURCE_RANGE) != 0) {
            t.rangeStart[fe] = t.ranges.size();
            t.rangeCount[fe] = spi.loadBalancerSourceRanges().size();
            t.ranges.addAll(spi.loadBalancerSourceRanges());
        }
        if ((flags & EbpfTables.TWO_SCOPES) != 0) {
            int in = entry(t, spi, ip, port, rev, flags | EbpfTables.SCOPE_INTERNAL, internal);
            place(t, EbpfTables.key(t.v4, ip.hi(), ip.lo(), proto, port, true), in);
        }
    }

    /**
     * Points service-map key {@code key} at row {@code fe}: at once in a full sync; in an incremental one, noted
     * for the switch after the release fence (the spec is unchanged, so the key is one the service owns).
     */
    private void place(EbpfTables t, long key, int fe) {
        if (flips != null) {
            flips.put(key, fe);
        } else {
            t.services.put(key, fe);
            owned.add(key);
        }
    }

    private static int entry(EbpfTables t, ServicePortInfo spi, IpAddress ip, int port, int rev, int flags,
            int[] backends) {
        int fe = t.addFrontend(ip.hi(), ip.lo(), spi.protocol().number(), port, rev, flags);
        t.count[fe] = backends.length;
        t.slotStart[fe] = t.addSlots(backends);
        t.affinityTimeoutNanos[fe] = spi.stickyMaxAgeSeconds() * 1_000_000_000L;
        t.serviceEntries += 1 + backends.length;
        return fe;
    }

    private MaglevTable maglev(EbpfTables t, int[] backends) {
        String[] names = new String[backends.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = t.beText[backends[i]];
        }
        return MaglevTable.build(names, backends, cfg.maglevTableSize(), maglevSeed);
    }

    static String backendKey(EndpointInfo ep, ServicePortInfo spi) {
        return ep.ip().withPort(ep.port()) + "/" + spi.protocol().name();
    }

    /**
     * {@link #backendKey}, formatted once per endpoint and sync: a sync asks for an endpoint's key up to four
     * times (the id allocation, the backend write, the scope lists, the service's record).
     */
    private String key(EndpointInfo ep, ServicePortInfo spi) {
        String k = keyCache.get(ep);
        if (k == null) {
            k = backendKey(ep, spi);
            keyCache.put(ep, k);
        }
        return k;
    }

    /** The backend key of every endpoint of {@code sp} in the backend map. */
    private List<String> backendKeys(ServicePortEndpoints sp) {
        List<String> out = new ArrayList<>();
        for (EndpointInfo ep : sp.endpoints()) {
            if (inBackendMap(ep)) {
                out.add(key(ep, sp.info()));
            }
        }
        return out;
    }

    private static long[] unbox(List<Long> keys) {
        long[] out = new long[keys.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = keys.get(i);
        }
        return out;
    }

    private static Compiled merge(Compiled a, Compiled b) {
        List<ServicePortInfo> infos = new ArrayList<>(a.infos());
        infos.addAll(b.infos());
        long[] keys = Arrays.copyOf(a.keys(), a.keys().length + b.keys().length);
        System.arraycopy(b.keys(), 0, keys, a.keys().length, b.keys().length);
        List<String> backends = new ArrayList<>(a.backends());
        backends.addAll(b.backends());
        return new Compiled(List.copyOf(infos), keys, List.copyOf(backends), a.entries() + b.entries());
    }

    private int[] idsOf(List<EndpointInfo> eps, ServicePortInfo spi, RefCountedIds ids) {
        int[] out = new int[eps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.id(key(eps.get(i), spi));
        }
        return out;
    }
}
