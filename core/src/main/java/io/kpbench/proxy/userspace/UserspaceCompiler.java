package io.kpbench.proxy.userspace;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.KeyClaims;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortEndpoints;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.table.AffinityTable;
import io.kpbench.table.LinearProbeLongIntMap;
import io.kpbench.table.RefCountedIds;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

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
    /** Service-port ids (the affinity key's id) by service-port name, kept stable while the port exists. */
    private RefCountedIds spIds = RefCountedIds.empty();
    /** Per service, in name order: the ports it was compiled with and their service-port rows. */
    private Map<ObjectRef, Compiled> services = new TreeMap<>();
    /** Per portal key, the service ports that ask for it (the first in order gets it). */
    private final KeyClaims claims = new KeyClaims();

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
        Map<String, Integer> names = new LinkedHashMap<>();
        Map<Long, Integer> claimed = new HashMap<>();
        for (ServicePortEndpoints sp : ports) {
            List<EndpointInfo> r = sp.ready();
            ready.add(r);
            names.merge(name(sp.info()), 1, Integer::sum);
            for (long k : portalKeys(sp.info())) {
                claimed.merge(k, 1, Integer::sum);
            }
            for (EndpointInfo ep : r) {
                keys.merge(ep.toString(), 1, Integer::sum);
            }
        }
        RefCountedIds ids = epIds.copy();
        ids.assignAll(keys);
        RefCountedIds spNext = spIds.copy();
        spNext.assignAll(names);
        UserspaceTables t = new UserspaceTables(family == IpFamily.IPv4);
        t.sizeEndpoints(ids.maxId());
        Map<String, Integer> oldIndex = new HashMap<>();
        for (int s = 0; s < previous.servicePorts; s++) {
            if (previous.spName[s] != null) {
                oldIndex.put(previous.spName[s], s);
            }
        }
        Map<ObjectRef, Compiled> compiled = new TreeMap<>();
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
        claims.reset(claimed);
        return new Result(t, written, null);
    }

    /**
     * Applies the changes to {@code touched} services to the published generation {@code published}, as the
     * proxier did per service: {@code OnServiceUpdate} opened the portals and balancer state of a new service port
     * and closed those of a deleted one ({@code pkg/proxy/userspace/proxier.go}, v1.25), and
     * {@code LoadBalancerRR.OnEndpointsUpdate} replaced one service port's rotation. A changed rotation is appended
     * and switched with one write; a new service port is appended, then its portals are inserted in place when the
     * portal map has {@link LinearProbeLongIntMap#headroom}; a removal edits a copy of the portal map, published
     * with one write, and marks the dead rows. When the appended rotations would overflow the room, the live ones
     * are first copied into a new generation ({@link UserspaceTables#compacted}), which the caller publishes.
     * Returns null (having changed nothing) when a portal address is also claimed by another service (the first in
     * order keeps it) or the endpoint ids would overflow: the caller then compiles {@code cluster} in full.
     */
    Result update(ClusterSnapshot cluster, UserspaceTables published, Set<ObjectRef> touched) {
        List<Plan> plans = new ArrayList<>();
        Set<String> fresh = new HashSet<>();
        Map<String, EndpointInfo> byText = new HashMap<>();
        claims.abandon();
        boolean removes = false;
        int newPortals = 0;
        int room = 0;
        for (ObjectRef ref : touched) {
            List<ServicePortEndpoints> ports = ServicePortEndpoints.of(cluster, ref, family, node);
            Compiled c = services.get(ref);
            if (c == null && ports.isEmpty()) {
                continue;
            }
            boolean sameSpec = c != null && c.rows().length == ports.size();
            for (int i = 0; sameSpec && i < ports.size(); i++) {
                sameSpec = ports.get(i).info().equals(c.infos().get(i));
            }
            if (!sameSpec && c != null) {
                removes = true;
                for (ServicePortInfo spi : c.infos()) {
                    for (long k : portalKeys(spi)) {
                        if (!claims.claim(k, -1, 0)) {
                            return null;
                        }
                    }
                }
            }
            List<Integer> rows = new ArrayList<>();
            List<List<String>> rotations = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                List<String> texts = new ArrayList<>();
                for (EndpointInfo ep : ports.get(i).ready()) {
                    texts.add(ep.toString());
                    byText.put(ep.toString(), ep);
                    if (epIds.id(ep.toString()) < 0) {
                        fresh.add(ep.toString());
                    }
                }
                ServicePortInfo spi = ports.get(i).info();
                if (!sameSpec) {
                    for (long k : portalKeys(spi)) {
                        if (!claims.claim(k, 1, 1)) {
                            return null;
                        }
                        newPortals++;
                    }
                    rows.add(-1);
                    rotations.add(shuffled(texts, name(spi)));
                    room += texts.size();
                    continue;
                }
                int row = c.rows()[i];
                if (!sameSet(UserspaceRenderer.rotation(published, row), texts)) {
                    rows.add(row);
                    rotations.add(shuffled(texts, published.spName[row]));
                    room += texts.size();
                }
            }
            plans.add(new Plan(ref, c, ports, sameSpec, rows, rotations));
        }
        UserspaceTables t = published;
        if (room > t.endpointRoom()) {
            t = published.compacted();
        }
        if (room > t.endpointRoom() || epIds.maxIdAfter(fresh.size()) >= t.epHi.length) {
            return null;
        }
        boolean inPlace = t == published && !removes && t.portals.headroom() >= newPortals;
        LinearProbeLongIntMap writing = t.portals == published.portals && !inPlace ? t.portals.copy() : t.portals;
        int written = 0;
        LinearProbeLongIntMap removed = new LinearProbeLongIntMap(4, -1);
        for (Plan plan : plans) {
            written += plan.sameSpec() ? rotate(t, plan, removed, byText)
                    : replace(t, plan, writing, inPlace, removed, byText);
        }
        claims.commit();
        VarHandle.releaseFence();
        t.portals = writing;
        return new Result(t, written, removed);
    }

    /**
     * One touched service: what it was compiled into (null if new), its ports now, whether its spec held, and the
     * rows (-1 for a new one) and rotations to write.
     */
    private record Plan(ObjectRef ref, Compiled old, List<ServicePortEndpoints> ports, boolean sameSpec,
            List<Integer> rows, List<List<String>> rotations) {
    }

    /** Switches the changed rotations of a service whose spec held; returns the entries written. */
    private int rotate(UserspaceTables t, Plan plan, LinearProbeLongIntMap removed,
            Map<String, EndpointInfo> byText) {
        int written = 0;
        for (int k = 0; k < plan.rows().size(); k++) {
            int row = plan.rows().get(k);
            List<String> old = UserspaceRenderer.rotation(t, row);
            removePairs(t, row, plan.rotations().get(k), removed);
            int[] eps = acquire(t, plan.rotations().get(k), byText);
            long range = UserspaceTables.range(t.appendEndpoints(eps), eps.length);
            VarHandle.releaseFence();
            t.epRange[row] = range;
            t.rrCursor[row] = 0;
            for (String text : old) {
                epIds.release(text);
            }
            written += 1 + eps.length;
        }
        return written;
    }

    /**
     * Closes the service ports of a deleted or respecified service and opens those of a created or respecified
     * one ({@code OnServiceUpdate}); returns the entries written.
     */
    private int replace(UserspaceTables t, Plan plan, LinearProbeLongIntMap writing, boolean inPlace,
            LinearProbeLongIntMap removed, Map<String, EndpointInfo> byText) {
        int written = 0;
        int[] rows = new int[plan.ports().size()];
        List<Long> keys = new ArrayList<>();
        List<Integer> fes = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            ServicePortInfo spi = plan.ports().get(i).info();
            int[] eps = acquire(t, plan.rotations().get(i), byText);
            int row = t.addServicePort(name(spi), spIds.acquire(name(spi)), eps,
                    spi.stickyMaxAgeSeconds() * 1_000_000_000L, 0);
            rows[i] = row;
            forEachPortal(spi, (ip, port) -> {
                keys.add(UserspaceTables.key(t.v4, ip.hi(), ip.lo(), spi.protocol().number(), port));
                fes.add(t.addFrontend(ip.hi(), ip.lo(), spi.protocol().number(), port, row));
            });
            written += 1 + eps.length;
        }
        Compiled c = plan.old();
        if (c != null) {
            for (int i = 0; i < c.rows().length; i++) {
                int row = c.rows()[i];
                removePairs(t, row, List.of(), removed);
                for (long key : portalKeys(c.infos().get(i))) {
                    writing.remove(key);
                }
                written += 1 + t.epCount(row);
            }
        }
        if (inPlace) {
            VarHandle.releaseFence();
        }
        for (int i = 0; i < keys.size(); i++) {
            writing.put(keys.get(i), fes.get(i));
        }
        if (c != null) {
            for (int i = 0; i < c.rows().length; i++) {
                int row = c.rows()[i];
                for (String text : UserspaceRenderer.rotation(t, row)) {
                    epIds.release(text);
                }
                spIds.release(t.spName[row]);
                t.spName[row] = null;
            }
        }
        if (plan.ports().isEmpty()) {
            services.remove(plan.ref());
        } else {
            List<ServicePortInfo> infos = new ArrayList<>();
            plan.ports().forEach(sp -> infos.add(sp.info()));
            services.put(plan.ref(), new Compiled(List.copyOf(infos), rows));
        }
        return written;
    }

    /** Adds the (service port, endpoint) pairs of row {@code row} that {@code next} drops to {@code removed}. */
    private void removePairs(UserspaceTables t, int row, List<String> next, LinearProbeLongIntMap removed) {
        for (String text : UserspaceRenderer.rotation(t, row)) {
            if (!next.contains(text)) {
                removed.put(((long) t.spId[row] << 32) | epIds.id(text), 1);
            }
        }
    }

    /** Takes a reference on every endpoint of {@code rotation}, writing the new ones; returns their ids. */
    private int[] acquire(UserspaceTables t, List<String> rotation, Map<String, EndpointInfo> byText) {
        int[] eps = new int[rotation.size()];
        for (int i = 0; i < eps.length; i++) {
            String text = rotation.get(i);
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
        return eps;
    }

    /** The portal keys of {@code spi}, in the order {@link #portals} opens them. */
    private List<Long> portalKeys(ServicePortInfo spi) {
        List<Long> out = new ArrayList<>();
        boolean v4 = family == IpFamily.IPv4;
        forEachPortal(spi, (ip, port) -> out.add(UserspaceTables.key(v4, ip.hi(), ip.lo(), spi.protocol().number(),
                port)));
        return out;
    }

    /** The live service-port rows in compile order (services by name, ports in spec order): what render lists. */
    int[] liveRows() {
        List<Integer> out = new ArrayList<>();
        for (Compiled c : services.values()) {
            for (int row : c.rows()) {
                out.add(row);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
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
        forEachPortal(spi, (ip, port) -> t.addPortal(ip.hi(), ip.lo(), proto, port, sp));
    }

    /** A portal address and port. */
    private interface PortalSink {
        void accept(IpAddress ip, int port);
    }

    /** Calls {@code sink} for every portal of {@code spi}: ClusterIP, external IPs, LB VIPs, NodePort addresses. */
    private void forEachPortal(ServicePortInfo spi, PortalSink sink) {
        sink.accept(spi.clusterIP(), spi.port());
        for (IpAddress ip : spi.externalIPs()) {
            sink.accept(ip, spi.port());
        }
        for (IpAddress ip : spi.loadBalancerVIPs()) {
            sink.accept(ip, spi.port());
        }
        if (spi.nodePort() != 0) {
            for (IpAddress ip : node.nodeIPs(family)) {
                boolean selected = node.nodePortAddresses().isEmpty();
                for (Cidr c : node.nodePortAddresses()) {
                    selected |= c.contains(ip);
                }
                if (selected) {
                    sink.accept(ip, spi.nodePort());
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
