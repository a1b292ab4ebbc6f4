package io.kpbench.proxy.userspace;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortEndpoints;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.table.AffinityTable;
import io.kpbench.table.LinearProbeLongIntMap;
import io.kpbench.table.RefCountedIds;
import io.kpbench.table.StableIds;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Compiles a snapshot into {@link UserspaceTables}, as the userspace proxier's {@code OnServiceUpdate} (portals)
 * and {@code LoadBalancerRR.OnEndpointsUpdate} (endpoint lists) did: ready endpoints only, shuffled when the set
 * changes, order and cursor kept (read from the previous generation) when it does not.
 *
 * <p>A full sync ({@link #compile}) builds a new generation. An incremental sync ({@link #update}) touches only
 * the changed services, as {@code OnEndpointsUpdate} replaced one service port's {@code balancerState}: for each
 * service port whose ready set changed it appends the new rotation to the published generation and switches the
 * port's packed range with one write (see {@code package-info}); a service added, deleted or with a changed spec,
 * or a generation without room left to append, is compiled in full instead. Single-threaded.
 */
final class UserspaceCompiler {
    private final NodeConfig node;
    private final IpFamily family;
    /** Endpoint ids by endpoint text, refcounted by the rotations that hold them, kept stable across syncs. */
    private RefCountedIds epIds = RefCountedIds.empty();
    /** Service-port ids (the affinity key's id) by service-port name, kept stable across full syncs. */
    private StableIds spIds = StableIds.empty();
    /** Per service: the ports it was compiled with and their service-port rows. */
    private Map<ObjectRef, Compiled> services = new HashMap<>();

    /** What a service was compiled into: its ports' specs and rows, in order. */
    private record Compiled(List<ServicePortInfo> infos, int[] rows) {
    }

    /**
     * One generation and the entries (balancer states and rotation entries) the sync wrote; for an incremental
     * sync, the (service-port id, endpoint id) pairs it removed, packed as affinity prune keys (else null).
     */
    record Result(UserspaceTables tables, int written, LinearProbeLongIntMap removed) {
    }

    UserspaceCompiler(NodeConfig node, IpFamily family) {
        this.node = node;
        this.family = family;
    }

    /** Compiles {@code cluster}, continuing the ids, rotations and cursors of {@code previous}. */
    Result compile(ClusterSnapshot cluster, UserspaceTables previous) {
        List<ServicePortEndpoints> ports = ServicePortEndpoints.of(cluster, family, node);
        List<List<EndpointInfo>> ready = new ArrayList<>();
        Map<String, Integer> keys = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (ServicePortEndpoints sp : ports) {
            List<EndpointInfo> r = sp.ready();
            ready.add(r);
            names.add(name(sp.info()));
            for (EndpointInfo ep : r) {
                keys.merge(ep.toString(), 1, Integer::sum);
            }
        }
        RefCountedIds ids = epIds.copy();
        ids.assignAll(keys);
        StableIds spNext = spIds.assign(names);
        UserspaceTables t = new UserspaceTables(family == IpFamily.IPv4);
        t.sizeEndpoints(ids.maxId());
        Map<String, Integer> oldIndex = new HashMap<>();
        for (int s = 0; s < previous.servicePorts; s++) {
            oldIndex.put(previous.spName[s], s);
        }
        Map<ObjectRef, Compiled> compiled = new HashMap<>();
        int written = 0;
        for (int i = 0; i < ports.size(); i++) {
            ServicePortInfo spi = ports.get(i).info();
            String name = name(spi);
            List<String> texts = new ArrayList<>();
            for (EndpointInfo ep : ready.get(i)) {
                int id = ids.id(ep.toString());
                t.epHi[id] = ep.ip().hi();
                t.epLo[id] = ep.ip().lo();
                t.epPort[id] = ep.port();
                t.epText[id] = ep.toString();
                texts.add(ep.toString());
            }
            Integer old = oldIndex.get(name);
            List<String> before = old == null ? null : UserspaceRenderer.rotation(previous, old);
            boolean same = sameSet(before, texts);
            List<String> rotation = same ? before : shuffled(texts, name);
            written += same ? 0 : 1;
            int sp = t.addServicePort(name, spNext.id(name), idsOf(rotation, ids),
                    spi.stickyMaxAgeSeconds() * 1_000_000_000L, same ? previous.rrCursor[old] : 0);
            portals(t, spi, sp);
            Compiled c = compiled.get(ports.get(i).service().ref());
            compiled.put(ports.get(i).service().ref(), c == null ? new Compiled(List.of(spi), new int[] {sp})
                    : new Compiled(append(c.infos(), spi), append(c.rows(), sp)));
        }
        t.reserve();
        epIds = ids;
        spIds = spNext;
        services = compiled;
        return new Result(t, written, null);
    }

    /**
     * Applies the changes to {@code touched} services to the published generation {@code t} in place, or returns
     * null (having changed nothing) when a service was added, deleted or changed its spec, or {@code t} has no room
     * left: the caller then compiles {@code cluster} in full.
     */
    Result update(ClusterSnapshot cluster, UserspaceTables t, Set<ObjectRef> touched) {
        List<Integer> rows = new ArrayList<>();
        List<List<String>> rotations = new ArrayList<>();
        Set<String> fresh = new HashSet<>();
        Map<String, EndpointInfo> byText = new HashMap<>();
        int room = 0;
        for (ObjectRef ref : touched) {
            List<ServicePortEndpoints> ports = ServicePortEndpoints.of(cluster, ref, family, node);
            Compiled c = services.get(ref);
            if (c == null && ports.isEmpty()) {
                continue;
            }
            if (c == null || c.rows().length != ports.size()) {
                return null;
            }
            for (int i = 0; i < ports.size(); i++) {
                if (!ports.get(i).info().equals(c.infos().get(i))) {
                    return null;
                }
                List<String> texts = new ArrayList<>();
                for (EndpointInfo ep : ports.get(i).ready()) {
                    texts.add(ep.toString());
                    byText.put(ep.toString(), ep);
                    if (epIds.id(ep.toString()) < 0) {
                        fresh.add(ep.toString());
                    }
                }
                int row = c.rows()[i];
                if (!sameSet(UserspaceRenderer.rotation(t, row), texts)) {
                    rows.add(row);
                    rotations.add(shuffled(texts, t.spName[row]));
                    room += texts.size();
                }
            }
        }
        if (room > t.endpointRoom() || epIds.maxIdAfter(fresh.size()) >= t.epHi.length) {
            return null;
        }
        int written = 0;
        LinearProbeLongIntMap removed = new LinearProbeLongIntMap(4, -1);
        for (int k = 0; k < rows.size(); k++) {
            int row = rows.get(k);
            List<String> old = UserspaceRenderer.rotation(t, row);
            for (String text : old) {
                if (!rotations.get(k).contains(text)) {
                    removed.put(((long) t.spId[row] << 32) | epIds.id(text), 1);
                }
            }
            int[] eps = new int[rotations.get(k).size()];
            for (int i = 0; i < eps.length; i++) {
                String text = rotations.get(k).get(i);
                boolean added = epIds.id(text) < 0;
                eps[i] = epIds.acquire(text);
                if (added) {
                    EndpointInfo ep = byText.get(text);
                    t.epHi[eps[i]] = ep.ip().hi();
                    t.epLo[eps[i]] = ep.ip().lo();
                    t.epPort[eps[i]] = ep.port();
                    t.epText[eps[i]] = text;
                }
            }
            long range = UserspaceTables.range(t.appendEndpoints(eps), eps.length);
            VarHandle.releaseFence();
            t.epRange[row] = range;
            t.rrCursor[row] = 0;
            for (String text : old) {
                epIds.release(text);
            }
            written += 1 + eps.length;
        }
        return new Result(t, written, removed);
    }

    /**
     * Drops the affinity entries of the (service port, endpoint) pairs an incremental sync removed; an IPv6 proxier
     * drops them all, as {@link #pruneAffinity} does.
     */
    static void pruneRemoved(AffinityTable affinity, boolean v4, LinearProbeLongIntMap removed) {
        if (affinity.size() == 0 || removed.size() == 0) {
            return;
        }
        affinity.removeIf((key, ep, lastUsed) -> !v4 || removed.containsKey(((key & 0xFFFF_FFFFL) << 32) | ep));
    }

    /**
     * Drops affinity entries whose service port lost the endpoint ({@code updateAffinityMap}); the IPv6 key is a
     * fingerprint that names no service port, so an IPv6 proxier drops them all.
     */
    static void pruneAffinity(AffinityTable affinity, UserspaceTables t) {
        if (affinity.size() == 0) {
            return;
        }
        boolean v4 = t.v4;
        LinearProbeLongIntMap valid = new LinearProbeLongIntMap(t.endpointsUsed + 1, -1);
        for (int s = 0; s < t.servicePorts; s++) {
            long range = t.epRange[s];
            for (int k = UserspaceTables.start(range), end = k + UserspaceTables.count(range); k < end; k++) {
                valid.put(((long) t.spId[s] << 32) | t.endpoints[k], 1);
            }
        }
        affinity.removeIf((key, ep, lastUsed) -> !v4 || !valid.containsKey(((key & 0xFFFF_FFFFL) << 32) | ep));
    }

    private void portals(UserspaceTables t, ServicePortInfo spi, int sp) {
        int proto = spi.protocol().number();
        t.addPortal(spi.clusterIP().hi(), spi.clusterIP().lo(), proto, spi.port(), sp);
        for (IpAddress ip : spi.externalIPs()) {
            t.addPortal(ip.hi(), ip.lo(), proto, spi.port(), sp);
        }
        for (IpAddress ip : spi.loadBalancerVIPs()) {
            t.addPortal(ip.hi(), ip.lo(), proto, spi.port(), sp);
        }
        if (spi.nodePort() != 0) {
            for (IpAddress ip : node.nodeIPs(family)) {
                boolean selected = node.nodePortAddresses().isEmpty();
                for (Cidr c : node.nodePortAddresses()) {
                    selected |= c.contains(ip);
                }
                if (selected) {
                    t.addPortal(ip.hi(), ip.lo(), proto, spi.nodePort(), sp);
                }
            }
        }
    }

    private static boolean sameSet(List<String> before, List<String> texts) {
        return before != null && before.size() == texts.size() && new HashSet<>(before).equals(new HashSet<>(texts));
    }

    private static int[] idsOf(List<String> rotation, RefCountedIds ids) {
        int[] eps = new int[rotation.size()];
        for (int k = 0; k < eps.length; k++) {
            eps[k] = ids.id(rotation.get(k));
        }
        return eps;
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return List.copyOf(out);
    }

    private static int[] append(int[] a, int item) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = item;
        return out;
    }

    static String name(ServicePortInfo spi) {
        return spi.name() + "/" + spi.protocol().name();
    }

    private static List<String> shuffled(List<String> texts, String name) {
        List<String> out = new ArrayList<>(texts);
        Collections.shuffle(out, new Random(name.hashCode()));
        return List.copyOf(out);
    }
}
