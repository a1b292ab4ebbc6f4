package io.kpbench.proxy.ebpf;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.ebpf.maglev.MaglevTable;
import io.kpbench.proxy.ebpf.maps.LbMapBytes;
import io.kpbench.proxy.ebpf.maps.PrefixList;
import io.kpbench.table.AddressKeys;
import io.kpbench.table.AddressLongMap;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One compiled generation of the BPF load-balancing maps of one node and family, after Cilium's
 * {@code bpf/lib/lb.h}: the service map ({@code cilium_lb4_services_v2}: address·port·protocol·scope to a
 * frontend with rev-NAT id, backend count and flags, and its slots {@code 1..count} of backend ids), the backend
 * map ({@code cilium_lb4_backends_v3}: id to address, port, state) and the per-frontend Maglev tables and source
 * ranges. Written by {@link EbpfCompiler}, then published through {@link EbpfDataPlane}'s one volatile reference.
 * A full sync builds a new generation. An incremental sync changes a published one only by appending (frontend
 * rows past {@link #frontends}, slots past {@link #slotsUsed}, backends at ids no reader holds) and then pointing
 * each changed or new service-map key at its new row with one write, or, when it removes keys, publishing an
 * edited copy of the service map: a packet sees a frontend's whole old row or its whole new one (see
 * {@code package-info}). Superseded rows stay until the next full sync or {@link #compacted} copy, so the live
 * frontends are the values of {@link #services}, not {@code 0..frontends}. The affinity map, which the kernel writes per
 * packet, is not here: it is the data plane's {@link io.kpbench.table.AffinityTable}.
 *
 * <p>Frontends are keyed by {@link AddressKeys#destination} (scope as the tag): exact for IPv4, a fingerprint
 * verified against the stored address on a hit for IPv6. The generation also carries the agent options the
 * datapath reads per packet (the compiled-in {@code #define}s of Cilium's BPF programs).
 */
final class EbpfTables {
    static final int CLUSTER_IP = 1;
    static final int NODE_PORT = 1 << 1;
    static final int EXTERNAL_IPS = 1 << 2;
    static final int LOAD_BALANCER = 1 << 3;
    static final int LOCAL = 1 << 4;
    static final int INTERNAL_LOCAL = 1 << 5;
    static final int AFFINITY = 1 << 6;
    static final int SOURCE_RANGE = 1 << 7;
    static final int NON_ROUTABLE = 1 << 8;
    static final int TWO_SCOPES = 1 << 9;
    static final int SCOPE_INTERNAL = 1 << 10;

    /** The {@link #ipcache} value of a pod on another node. */
    static final long REMOTE_POD = 1;
    /** The {@link #ipcache} value of a pod on this node (its sockets are the socket LB's, as a local pod CIDR's). */
    static final long LOCAL_POD = 2;

    static final byte ACTIVE = 1;
    static final byte TERMINATING = 2;

    final boolean v4;
    /** {@code --bpf-lb-algorithm=maglev}. */
    final boolean maglevSelection;
    /** The Maglev tuple-hash seed ({@link EbpfConfig#tupleSeed}). */
    final long tupleSeed;
    /** {@code --bpf-lb-external-clusterip}. */
    final boolean externalClusterIP;
    /** {@code --service-no-backend-response=reject}. */
    final boolean noBackendReject;
    /** {@code bpf-lb-sock}. */
    final boolean socketLB;
    /**
     * The service map: key to frontend row. Written in place for a new value or a new key (see
     * {@link LinearProbeLongIntMap#headroom}); a removal replaces the whole map with an edited copy, published with
     * one write, so a reader loads this field once per packet and sees one consistent map.
     */
    LinearProbeLongIntMap services = new LinearProbeLongIntMap(64, -1);

    /** Frontends (service-map master entries); the columns below are indexed by frontend. */
    int frontends;
    /** Key columns: address, port and protocol (verified on an IPv6 hit). */
    long[] feHi = new long[16];
    long[] feLo = new long[16];
    int[] fePort = new int[16];
    int[] feProto = new int[16];

    /** Master-entry columns: rev-NAT id, flags, backend count and where the slots {@code 1..count} start. */
    int serviceEntries;
    int[] revNat = new int[16];
    int[] flags = new int[16];
    int[] count = new int[16];
    int[] slotStart = new int[16];
    int slotsUsed;
    int[] slots = new int[64];

    /**
     * Per-frontend extras: its source ranges in {@link #ranges}, affinity timeout and Maglev table. Each frontend
     * address with Maglev owns its table, as Cilium keys the outer {@code cilium_lb4_maglev} map by the frontend's
     * rev-NAT id (Cilium 1.15 {@code lbmap.UpdateMaglev}; 1.19 {@code bpf_reconciler.go useMaglev/updateMaglev}):
     * every NodePort address, LB VIP and external IP, the ClusterIP only with {@code bpf-lb-external-clusterip},
     * never the {@code 0.0.0.0} NodePort surrogate.
     */
    int[] rangeStart = new int[16];
    int[] rangeCount = new int[16];
    long[] affinityTimeoutNanos = new long[16];
    MaglevTable[] maglev = new MaglevTable[16];

    /**
     * N·M summed over the Maglev tables built into this generation (by its compile and the incremental syncs since):
     * Cilium's {@code pkg/maglev} work, once per frontend address.
     */
    long maglevBuildWork;
    /**
     * The wildcard entries ({@code address:0/ANY}, external scope) by address, value the flags of the first frontend
     * that wrote it ({@code NON_ROUTABLE} plus its type), in {@link #wildcardAddresses} order; null without
     * {@link EbpfConfig#dropVirtualIPTraffic}. Written by a full compile only (a VIP comes or goes only with a spec
     * change, which compiles in full).
     */
    final AddressLongMap wildcards;
    final List<IpAddress> wildcardAddresses;

    final PrefixList ranges;
    final PrefixList clusterSources;
    final PrefixList nodeLocalSources;
    /**
     * The ipcache's pod entries: every pod (endpoint) address of this family that no pod CIDR above holds (the AWS
     * VPC CNI's pods, taken from the node subnets), value {@link #LOCAL_POD} or {@link #REMOTE_POD}. Cilium's
     * {@code cilium_ipcache} maps each pod IP to its security identity from the CiliumEndpoints, whatever the IPAM
     * mode, and {@code bpf_lxc} reads it with {@code lookup_ip4_remote_endpoint} ({@code bpf/lib/eps.h}, Cilium
     * 1.15); a local pod is also in {@code cilium_lxc}, which the model folds into the value. Hashed, not appended
     * to {@link #clusterSources}: an EKS cluster has thousands of such addresses and the prefix list is scanned
     * per packet.
     */
    final AddressLongMap ipcache;

    /** The backend map, by backend id (0 is never used); sized by {@link #sizeBackends}. */
    long[] beHi;
    long[] beLo;
    int[] bePort;
    byte[] beState;
    boolean[] beLocal;
    String[] beText;
    int backends;

    EbpfTables(boolean v4, EbpfConfig cfg) {
        this.v4 = v4;
        this.maglevSelection = cfg.algorithm() == EbpfConfig.Algorithm.MAGLEV;
        this.tupleSeed = cfg.tupleSeed();
        this.externalClusterIP = cfg.externalClusterIP();
        this.noBackendReject = cfg.noBackendReject();
        this.socketLB = cfg.socketLB();
        this.wildcards = cfg.dropVirtualIPTraffic() ? new AddressLongMap() : null;
        this.wildcardAddresses = new ArrayList<>();
        this.ranges = new PrefixList();
        this.clusterSources = new PrefixList();
        this.nodeLocalSources = new PrefixList();
        this.ipcache = new AddressLongMap();
        sizeBackends(0);
    }

    /**
     * A generation sharing {@code from}'s options, sources, ipcache, ranges and backend map (ids are stable; a
     * backend an incremental sync adds takes an id no reader holds), with no frontends.
     */
    private EbpfTables(EbpfTables from) {
        this.v4 = from.v4;
        this.maglevSelection = from.maglevSelection;
        this.tupleSeed = from.tupleSeed;
        this.externalClusterIP = from.externalClusterIP;
        this.noBackendReject = from.noBackendReject;
        this.socketLB = from.socketLB;
        this.wildcards = from.wildcards;
        this.wildcardAddresses = from.wildcardAddresses;
        this.ranges = from.ranges;
        this.clusterSources = from.clusterSources;
        this.nodeLocalSources = from.nodeLocalSources;
        this.ipcache = from.ipcache;
        this.beHi = from.beHi;
        this.beLo = from.beLo;
        this.bePort = from.bePort;
        this.beState = from.beState;
        this.beLocal = from.beLocal;
        this.beText = from.beText;
        this.backends = from.backends;
        this.serviceEntries = from.serviceEntries;
        this.maglevBuildWork = from.maglevBuildWork;
    }

    /** An empty generation: no frontends, no backends. */
    static EbpfTables empty(boolean v4, EbpfConfig cfg) {
        return new EbpfTables(v4, cfg);
    }

    /**
     * A new generation of only the live rows of this one, copied in row order with their slots (as much room
     * again reserved), the service map rebuilt on the new rows; options, sources, ranges, Maglev tables and the
     * backend map are shared or copied as they are. What an incremental sync does when the appended rows have used
     * the room up: O(live entries) array copies, no recompile. Readers of this generation are unaffected.
     */
    EbpfTables compacted() {
        EbpfTables c = new EbpfTables(this);
        int[] live = liveFrontends();
        int slotsLive = 0;
        for (int fe : live) {
            slotsLive += count[fe];
        }
        c.growFrontends(Math.max(16, 2 * live.length));
        c.slots = new int[Math.max(64, 2 * slotsLive)];
        for (int fe : live) {
            int f = c.addFrontend(feHi[fe], feLo[fe], feProto[fe], fePort[fe], revNat[fe], flags[fe]);
            c.count[f] = count[fe];
            c.slotStart[f] = c.slotsUsed;
            System.arraycopy(slots, slotStart[fe], c.slots, c.slotsUsed, count[fe]);
            c.slotsUsed += count[fe];
            c.rangeStart[f] = rangeStart[fe];
            c.rangeCount[f] = rangeCount[fe];
            c.affinityTimeoutNanos[f] = affinityTimeoutNanos[fe];
            c.maglev[f] = maglev[fe];
        }
        c.services = new LinearProbeLongIntMap(services.size(), -1);
        for (int slot = 0; slot < services.capacity(); slot++) {
            if (services.occupied(slot)) {
                c.services.put(services.keyAt(slot), Arrays.binarySearch(live, services.valueAt(slot)));
            }
        }
        return c;
    }

    /** The service-map key of a frontend ({@code lb4_key}/{@code lb6_key}: address, port, protocol, scope). */
    static long key(boolean v4, long hi, long lo, int proto, int port, boolean internalScope) {
        return AddressKeys.destination(v4, hi, lo, proto, port, internalScope ? 1 : 0);
    }

    /** True when frontend {@code fe} is exactly the packet's destination (always true for IPv4 keys). */
    boolean matches(int fe, FiveTuple p) {
        return v4 || feHi[fe] == p.dstHi() && feLo[fe] == p.dstLo() && fePort[fe] == p.dstPort()
                && feProto[fe] == p.protocol();
    }

    /** The affinity-map key: client address and rev-NAT id ({@code lb4_affinity_key}). */
    static long affinityKey(boolean v4, long srcHi, long srcLo, int revNat) {
        return AddressKeys.client(v4, srcHi, srcLo, revNat);
    }

    /** Appends a frontend (a master entry without its slots yet); returns its index. */
    int addFrontend(long hi, long lo, int proto, int port, int rev, int fl) {
        int f = frontends;
        if (f == feHi.length) {
            growFrontends(f * 2);
        }
        feHi[f] = hi;
        feLo[f] = lo;
        feProto[f] = proto;
        fePort[f] = port;
        revNat[f] = rev;
        flags[f] = fl;
        frontends++;
        return f;
    }

    private void growFrontends(int n) {
        feHi = Arrays.copyOf(feHi, n);
        feLo = Arrays.copyOf(feLo, n);
        fePort = Arrays.copyOf(fePort, n);
        feProto = Arrays.copyOf(feProto, n);
        revNat = Arrays.copyOf(revNat, n);
        flags = Arrays.copyOf(flags, n);
        count = Arrays.copyOf(count, n);
        slotStart = Arrays.copyOf(slotStart, n);
        rangeStart = Arrays.copyOf(rangeStart, n);
        rangeCount = Arrays.copyOf(rangeCount, n);
        affinityTimeoutNanos = Arrays.copyOf(affinityTimeoutNanos, n);
        maglev = Arrays.copyOf(maglev, n);
    }

    /** Appends a slot list; returns its start. */
    int addSlots(int[] backendIds) {
        while (slotsUsed + backendIds.length > slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
        }
        int start = slotsUsed;
        System.arraycopy(backendIds, 0, slots, start, backendIds.length);
        slotsUsed += backendIds.length;
        return start;
    }

    /** Room left for frontend rows an incremental sync appends without growing. */
    int frontendRoom() {
        return feHi.length - frontends;
    }

    /** Room left for slots an incremental sync appends without growing. */
    int slotRoom() {
        return slots.length - slotsUsed;
    }

    /**
     * Gives a freshly compiled generation the slack incremental syncs append into: as many free rows and slots as
     * are used, and backend ids up to twice the highest.
     */
    void reserve() {
        if (feHi.length < 2 * frontends) {
            growFrontends(2 * frontends);
        }
        if (slots.length < 2 * slotsUsed) {
            slots = Arrays.copyOf(slots, 2 * slotsUsed);
        }
        int n = Math.max(16, 2 * beHi.length);
        beHi = Arrays.copyOf(beHi, n);
        beLo = Arrays.copyOf(beLo, n);
        bePort = Arrays.copyOf(bePort, n);
        beState = Arrays.copyOf(beState, n);
        beLocal = Arrays.copyOf(beLocal, n);
        beText = Arrays.copyOf(beText, n);
    }

    /** The live frontend rows (the values of {@link #services}), in row order. */
    int[] liveFrontends() {
        int[] out = new int[services.size()];
        int k = 0;
        for (int slot = 0; slot < services.capacity(); slot++) {
            if (services.occupied(slot)) {
                out[k++] = services.valueAt(slot);
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Allocates an empty backend map for ids {@code 1..maxId}. */
    void sizeBackends(int maxId) {
        int n = maxId + 1;
        beHi = new long[n];
        beLo = new long[n];
        bePort = new int[n];
        beState = new byte[n];
        beLocal = new boolean[n];
        beText = new String[n];
    }

    /** Writes backend {@code id} ({@code cilium_lb4_backends_v3} entry). */
    void putBackend(int id, long hi, long lo, int port, byte state, boolean local, String text) {
        if (beState[id] == 0) {
            backends++;
        }
        beHi[id] = hi;
        beLo[id] = lo;
        bePort[id] = port;
        beState[id] = state;
        beLocal[id] = local;
        beText[id] = text;
    }

    /**
     * True for a source in a pod CIDR or on this node, by a linear scan of the prefixes; a miss is decided by
     * {@link #ipcacheLookup} when {@link #ipcacheInUse}. Allocation-free.
     */
    boolean inClusterPrefix(long hi, long lo) {
        return clusterSources.contains(hi, lo) || nodeLocalSources.contains(hi, lo);
    }

    /** True when some pod lies outside every pod CIDR, so that a prefix miss costs one ipcache lookup. */
    boolean ipcacheInUse() {
        return ipcache.size() != 0;
    }

    /**
     * {@link #LOCAL_POD} or {@link #REMOTE_POD} when the ipcache knows {@code (hi, lo)} as a pod, else
     * {@link AddressLongMap#MISSING} (world); one hashed lookup, allocation-free.
     */
    long ipcacheLookup(long hi, long lo) {
        return ipcache.get(hi, lo);
    }

    /** True for a source on this node: a local pod or the host (sockets the socket LB sees). */
    boolean nodeLocal(long hi, long lo) {
        return nodeLocalSources.contains(hi, lo);
    }

    /** True when frontend {@code fe} admits source {@code (hi, lo)} ({@code lb4_src_range_ok}). */
    boolean sourceAllowed(int fe, long hi, long lo) {
        return ranges.containsIn(rangeStart[fe], rangeCount[fe], hi, lo);
    }

    /** Adds the wildcard entry of {@code ip} unless there is one ({@code upsertWildcard}: the first one's type). */
    void addWildcard(IpAddress ip, int fl) {
        if (!wildcards.contains(ip.hi(), ip.lo())) {
            wildcards.put(ip.hi(), ip.lo(), fl);
            wildcardAddresses.add(ip);
            serviceEntries++;
        }
    }

    /**
     * The bytes of the live BPF load-balancing maps, counted from Cilium's key and value layouts
     * ({@link LbMapBytes}): service-map entries (masters, slots, wildcards), backends, one rev-NAT entry per rev-NAT
     * id, the source-range prefixes, and per Maglev frontend an outer entry plus its inner table of M backend ids.
     */
    LbMapBytes bpfMapBytes() {
        int[] live = liveFrontends();
        int maglevTables = 0;
        long maglevSlots = 0;
        int revNats = 0;
        int prefixes = 0;
        for (int fe : live) {
            if ((flags[fe] & SCOPE_INTERNAL) != 0) {
                continue;
            }
            revNats++;
            prefixes += rangeCount[fe];
            if (maglev[fe] != null) {
                maglevTables++;
                maglevSlots += maglev[fe].size();
            }
        }
        return LbMapBytes.of(v4, serviceEntries, backends, revNats, prefixes, maglevTables, maglevSlots);
    }
}
