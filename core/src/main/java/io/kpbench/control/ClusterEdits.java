package io.kpbench.control;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The change stream's own mutable copy of the cluster, holding only what it edits (IPv4 services that kube-proxy
 * proxies, their slices, and the addresses in use), so that making a change costs O(endpoints of one service)
 * rather than a copy of a {@link ClusterSnapshot}. Every edit it makes is valid against the cluster that all
 * earlier edits produced, so the loop's {@link ClusterSnapshot#apply} never refuses one.
 */
final class ClusterEdits {
    private final SplittableRandom random;
    private final IpAddress client;
    private final Map<String, Cidr> podCidrByNode = new HashMap<>();
    private final List<ObjectRef> order = new ArrayList<>();
    private final Map<ObjectRef, Integer> index = new HashMap<>();
    private final Map<ObjectRef, Service> services = new HashMap<>();
    private final Map<ObjectRef, List<EndpointSlice>> slices = new HashMap<>();
    private final Set<Integer> usedPodIPs = new HashSet<>();
    private final Set<Integer> usedClusterIPs = new HashSet<>();
    private int created;

    ClusterEdits(ClusterSnapshot cluster, SplittableRandom random) {
        this.random = random;
        for (Node n : cluster.nodes().values()) {
            for (Cidr c : n.podCIDRs()) {
                if (c.base().isV4()) {
                    podCidrByNode.putIfAbsent(n.name(), c);
                }
            }
        }
        for (EndpointSlice s : cluster.slices().values()) {
            for (Endpoint e : s.endpoints()) {
                if (e.address().isV4()) {
                    usedPodIPs.add(e.address().v4());
                }
            }
        }
        for (Service s : cluster.services().values()) {
            IpAddress ip = s.clusterIP(IpFamily.IPv4);
            if (ip != null) {
                usedClusterIPs.add(ip.v4());
            }
            List<EndpointSlice> v4 = new ArrayList<>();
            for (EndpointSlice sl : cluster.slicesOf(s.ref())) {
                if (sl.addressType() == IpFamily.IPv4) {
                    v4.add(sl);
                }
            }
            if (s.proxied() && ip != null && !s.ports().isEmpty() && !v4.isEmpty()) {
                add(s, v4);
            }
        }
        if (order.isEmpty()) {
            throw new IllegalArgumentException("the cluster has no proxied IPv4 service with an EndpointSlice");
        }
        Cidr anyPods = podCidrByNode.values().stream().findFirst().orElse(Cidr.parse("10.244.0.0/16"));
        this.client = anyPods.address(2);
    }

    int services() {
        return order.size();
    }

    /** A pod's endpoint replaced by a new pod at a new address (a create when no service has an endpoint). */
    TimedChange rollingUpdate(long at) {
        ObjectRef svc = pickWithEndpoints(1);
        if (svc == null) {
            return createService(at);
        }
        EndpointSlice before = slices.get(svc).get(0);
        List<Endpoint> eps = new ArrayList<>(before.endpoints());
        int i = random.nextInt(eps.size());
        Endpoint fresh = freshCopy(eps.get(i));
        usedPodIPs.remove(eps.set(i, fresh).address().v4());
        return update(at, ChangeKind.ROLLING_UPDATE, svc, before, eps, probe(svc, before, fresh, true));
    }

    /** One more endpoint, a copy of an existing one at a new address (a create when none has one). */
    TimedChange scaleUp(long at) {
        ObjectRef svc = pickWithEndpoints(1);
        if (svc == null) {
            return createService(at);
        }
        EndpointSlice before = slices.get(svc).get(0);
        List<Endpoint> eps = new ArrayList<>(before.endpoints());
        Endpoint fresh = freshCopy(eps.get(random.nextInt(eps.size())));
        eps.add(fresh);
        return update(at, ChangeKind.SCALE_UP, svc, before, eps, probe(svc, before, fresh, true));
    }

    /** One endpoint fewer; a scale-up when no service has two endpoints in its first slice. */
    TimedChange scaleDown(long at) {
        ObjectRef svc = pickWithEndpoints(2);
        if (svc == null) {
            return scaleUp(at);
        }
        EndpointSlice before = slices.get(svc).get(0);
        List<Endpoint> eps = new ArrayList<>(before.endpoints());
        Endpoint gone = eps.remove(random.nextInt(eps.size()));
        usedPodIPs.remove(gone.address().v4());
        Probe p = gone.isReady() && !gone.isTerminating() ? probe(svc, before, gone, false) : null;
        return update(at, ChangeKind.SCALE_DOWN, svc, before, eps, p);
    }

    /**
     * A new ClusterIP service cloned from a random one: a new name, a free cluster IP next to the template's, its
     * ports without node ports, and new pods.
     */
    TimedChange createService(long at) {
        Service template = services.get(order.get(random.nextInt(order.size())));
        ObjectRef ref = ObjectRef.of(template.ref().namespace(), "ctl-" + created++);
        int ip = freeClusterIP(template.clusterIP(IpFamily.IPv4).v4());
        Service s = clusterIpClone(template, ref, IpAddress.ofV4(ip));
        ChangeSet.Builder b = ChangeSet.builder().addService(s);
        List<EndpointSlice> made = new ArrayList<>();
        int k = 0;
        for (EndpointSlice sl : slices.get(template.ref())) {
            List<Endpoint> eps = new ArrayList<>();
            for (Endpoint e : sl.endpoints()) {
                eps.add(freshCopy(e));
            }
            EndpointSlice copy = new EndpointSlice(ObjectRef.of(ref.namespace(), ref.name() + "-" + k++),
                    ref.name(), IpFamily.IPv4, sl.ports(), eps);
            made.add(copy);
            b.addSlice(copy);
        }
        add(s, made);
        EndpointSlice first = made.get(0);
        Probe p = first.endpoints().isEmpty() ? null : probe(ref, first, first.endpoints().get(0), true);
        return new TimedChange(at, ChangeKind.SERVICE_CREATE, ref, b.build().changes(), p);
    }

    /** A random service and its slices removed; a create when only one service is left. */
    TimedChange deleteService(long at) {
        if (order.size() <= 1) {
            return createService(at);
        }
        ObjectRef ref = order.get(random.nextInt(order.size()));
        List<EndpointSlice> gone = slices.get(ref);
        Probe p = null;
        for (Endpoint e : gone.get(0).endpoints()) {
            if (p == null && e.isReady() && !e.isTerminating()) {
                p = probe(ref, gone.get(0), e, false);
            }
        }
        ChangeSet.Builder b = ChangeSet.builder().deleteService(ref);
        for (EndpointSlice sl : gone) {
            b.deleteSlice(sl.ref(), ref);
            for (Endpoint e : sl.endpoints()) {
                usedPodIPs.remove(e.address().v4());
            }
        }
        usedClusterIPs.remove(services.get(ref).clusterIP(IpFamily.IPv4).v4());
        remove(ref);
        return new TimedChange(at, ChangeKind.SERVICE_DELETE, ref, b.build().changes(), p);
    }

    private TimedChange update(long at, ChangeKind kind, ObjectRef svc, EndpointSlice before, List<Endpoint> eps,
            Probe probe) {
        EndpointSlice after = new EndpointSlice(before.ref(), before.serviceName(), before.addressType(),
                before.ports(), eps);
        slices.get(svc).set(0, after);
        return new TimedChange(at, kind, svc, ChangeSet.builder().updateSlice(after).build().changes(), probe);
    }

    /**
     * The check for {@code e} of {@code slice}: a packet to the service's first port, or null when the service's
     * internalTrafficPolicy is Local (only this node's endpoints are reachable) or the slice has no such port.
     */
    private Probe probe(ObjectRef svc, EndpointSlice slice, Endpoint e, boolean present) {
        Service s = services.get(svc);
        if (s == null || s.internalPolicyLocal()) {
            return null;
        }
        ServicePort sp = s.ports().get(0);
        for (EndpointPort ep : slice.ports()) {
            if (ep.name().equals(sp.name()) && ep.protocol() == sp.protocol()) {
                return new Probe(client, s.clusterIP(IpFamily.IPv4), sp.port(), sp.protocol(),
                        e.address().withPort(ep.port()), present);
            }
        }
        return null;
    }

    /** A random service whose first slice has at least {@code min} endpoints, or null after 64 misses. */
    private ObjectRef pickWithEndpoints(int min) {
        for (int tries = 0; tries < 64; tries++) {
            ObjectRef r = order.get(random.nextInt(order.size()));
            if (slices.get(r).get(0).endpoints().size() >= min) {
                return r;
            }
        }
        return null;
    }

    /** {@code e} as a new, ready pod at an unused address of its node's pod CIDR. */
    private Endpoint freshCopy(Endpoint e) {
        IpAddress addr = IpAddress.ofV4(freePodIP(e));
        return new Endpoint(List.of(addr), true, true, false, e.nodeName(), e.zone(), e.zoneHints(), e.nodeHints(),
                null);
    }

    private int freePodIP(Endpoint e) {
        Cidr pods = e.nodeName() == null ? null : podCidrByNode.get(e.nodeName());
        if (pods != null && pods.hostBits() >= 4) {
            long size = 1L << Math.min(pods.hostBits(), 30);
            for (int tries = 0; tries < 1024; tries++) {
                int ip = pods.address(1 + random.nextLong(size - 2)).v4();
                if (usedPodIPs.add(ip)) {
                    return ip;
                }
            }
        }
        int ip = e.address().v4();
        while (!usedPodIPs.add(ip)) {
            ip++;
        }
        return ip;
    }

    private int freeClusterIP(int near) {
        int ip = near;
        while (!usedClusterIPs.add(ip)) {
            ip++;
        }
        return ip;
    }

    private static Service clusterIpClone(Service t, ObjectRef ref, IpAddress ip) {
        List<ServicePort> ports = new ArrayList<>();
        for (ServicePort p : t.ports()) {
            ports.add(new ServicePort(p.name(), p.protocol(), p.port(), p.targetPort(), 0));
        }
        return new Service(ref, ServiceType.ClusterIP, List.of(ip), false, List.of(IpFamily.IPv4), ports, List.of(),
                List.of(), null, t.internalTrafficPolicy(), t.sessionAffinity(), t.sessionAffinityTimeoutSeconds(),
                List.of(), 0, null, t.selector());
    }

    private void add(Service s, List<EndpointSlice> v4) {
        index.put(s.ref(), order.size());
        order.add(s.ref());
        services.put(s.ref(), s);
        slices.put(s.ref(), new ArrayList<>(v4));
    }

    private void remove(ObjectRef ref) {
        int i = index.remove(ref);
        ObjectRef last = order.remove(order.size() - 1);
        if (!last.equals(ref)) {
            order.set(i, last);
            index.put(last, i);
        }
        services.remove(ref);
        slices.remove(ref);
    }
}
