package io.kpbench.proxy.nftables;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.nftables.nft.CidrList;
import io.kpbench.proxy.nftables.nft.CompiledChain;
import io.kpbench.proxy.nftables.nft.Element;
import io.kpbench.table.AddressLongMap;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The in-memory {@code ip kube-proxy} (or {@code ip6 kube-proxy}) table the evaluator reads: the verdict maps and
 * sets as primitive open-addressing tables, the regular chains as {@link CompiledChain}s indexed by a stable
 * chain id, and the affinity sets. Sync mutates it element by element and chain by chain, as an nft
 * transaction mutates the kernel's table. The per-packet state is the affinity sets ({@link #affinity}), which the
 * classifier's {@code update @set} writes, as the kernel's dynamic sets are written from the data path.
 *
 * <p>Concatenated IPv4 keys are {@link FiveTuple#packV4Key}; IPv6 keys intern the address to a small id first
 * ({@link #addrIds}) and pack {@code id << 32 | proto << 16 | port}, so both families do one map probe per
 * concatenated lookup (plus the interning probe for IPv6).
 */
final class NftablesTables {
    /** What a verdict-map lookup returns for a missing key. */
    static final int MISSING = -1;
    /** The {@code drop} verdict as a verdict-map value. */
    static final int DROP = -2;

    final boolean v4;
    final LinearProbeLongIntMap serviceIps = new LinearProbeLongIntMap(8, MISSING);
    final LinearProbeLongIntMap firewallIps = new LinearProbeLongIntMap(8, MISSING);
    final LinearProbeLongIntMap noEndpointServices = new LinearProbeLongIntMap(8, MISSING);
    final LinearProbeLongIntMap serviceNodePorts = new LinearProbeLongIntMap(8, MISSING);
    final LinearProbeLongIntMap noEndpointNodePorts = new LinearProbeLongIntMap(8, MISSING);
    final AddressLongMap clusterIps = new AddressLongMap();
    final AddressLongMap nodePortIps = new AddressLongMap();
    final AddressLongMap localIps = new AddressLongMap();
    final AddressLongMap addrIds = new AddressLongMap();
    CidrList serviceCidrs;
    CompiledChain[] chains = new CompiledChain[64];
    int rejectChain;

    private final Map<String, Integer> ids = new HashMap<>();
    private final ArrayDeque<Integer> freeIds = new ArrayDeque<>();
    private final Map<IpAddress, int[]> addrRefs = new HashMap<>();
    private int nextId;
    private int nextAddrId;
    final Map<String, AddressLongMap> affinity = new HashMap<>();

    NftablesTables(boolean v4) {
        this.v4 = v4;
    }

    /** The concatenated key of {@code addr . proto . port} on the hot path, or -1 when it cannot be present. */
    long key(long hi, long lo, int proto, int port) {
        if (v4) {
            return FiveTuple.packV4Key((int) lo, proto, port);
        }
        long id = addrIds.get(hi, lo);
        return id == AddressLongMap.MISSING ? -1L : (id << 32) | ((long) (proto & 0xFF) << 16) | (port & 0xFFFF);
    }

    /** The {@code ip:port} of endpoint chain {@code id} (the destination of its final DNAT rule). */
    String endpointText(int id) {
        CompiledChain ep = chains[id];
        int last = ep.size() - 1;
        return new IpAddress(ep.addr[2 * last], ep.addr[2 * last + 1]).withPort(ep.target[last]);
    }

    /** The chain ids by name (control plane). */
    Map<String, Integer> ids() {
        return ids;
    }

    /** The id of {@code name}, allocating one (with an empty chain) when new. */
    int ensureChain(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        int i = freeIds.isEmpty() ? nextId++ : freeIds.pop();
        if (i >= chains.length) {
            chains = Arrays.copyOf(chains, chains.length * 2);
        }
        chains[i] = CompiledChain.empty(name);
        ids.put(name, i);
        return i;
    }

    /** Replaces the rules of an existing chain. */
    void setChain(int id, CompiledChain c) {
        chains[id] = c;
    }

    /** Deletes a chain and frees its id. */
    void deleteChain(String name) {
        Integer id = ids.remove(name);
        if (id != null) {
            chains[id] = null;
            freeIds.push(id);
        }
    }

    /** Adds (or replaces) an element's primitive form; {@code value} is a chain id or {@link #DROP}. */
    void addElement(Element e, int value) {
        switch (e.container()) {
            case "cluster-ips" -> clusterIps.put(e.addr().hi(), e.addr().lo(), 1);
            case "service-nodeports" -> serviceNodePorts.put(portKey(e), value);
            case "no-endpoint-nodeports" -> noEndpointNodePorts.put(portKey(e), value);
            default -> mapOf(e.container()).put(controlKey(e, true), value);
        }
    }

    /** Removes an element's primitive form. */
    void removeElement(Element e) {
        switch (e.container()) {
            case "cluster-ips" -> clusterIps.remove(e.addr().hi(), e.addr().lo());
            case "service-nodeports" -> serviceNodePorts.remove(portKey(e));
            case "no-endpoint-nodeports" -> noEndpointNodePorts.remove(portKey(e));
            default -> {
                long k = controlKey(e, false);
                if (k != -1L) {
                    mapOf(e.container()).remove(k);
                }
                release(e.addr());
            }
        }
    }

    private LinearProbeLongIntMap mapOf(String name) {
        return switch (name) {
            case "service-ips" -> serviceIps;
            case "firewall-ips" -> firewallIps;
            case "no-endpoint-services" -> noEndpointServices;
            default -> throw new IllegalArgumentException("unknown map " + name);
        };
    }

    private static long portKey(Element e) {
        return ((long) e.proto() << 16) | e.port();
    }

    private long controlKey(Element e, boolean adding) {
        IpAddress a = e.addr();
        if (v4) {
            return FiveTuple.packV4Key(a.v4(), e.proto(), e.port());
        }
        int[] ref = addrRefs.get(a);
        if (ref == null) {
            if (!adding) {
                return -1L;
            }
            ref = new int[] {nextAddrId++, 0};
            addrRefs.put(a, ref);
            addrIds.put(a.hi(), a.lo(), ref[0]);
        }
        if (adding) {
            ref[1]++;
        }
        return ((long) ref[0] << 32) | ((long) e.proto() << 16) | e.port();
    }

    private void release(IpAddress a) {
        if (v4) {
            return;
        }
        int[] ref = addrRefs.get(a);
        if (ref != null && --ref[1] <= 0) {
            addrRefs.remove(a);
            addrIds.remove(a.hi(), a.lo());
        }
    }
}
