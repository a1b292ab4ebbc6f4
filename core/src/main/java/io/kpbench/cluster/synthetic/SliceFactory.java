package io.kpbench.cluster.synthetic;

import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a synthetic service's EndpointSlices as the EndpointSlice controller writes them: at most 100 endpoints a
 * slice (its {@code --max-endpoints-per-slice} default), each named {@code <service>-<5 chars>} as
 * {@code generateName} makes it, one empty slice for a service without endpoints, and all three conditions set
 * (a terminating endpoint is {@code ready: false, serving: true, terminating: true}).
 *
 * <p>Pod IPs come from each node's block in order, as the host-local IPAM plugin hands them out.
 */
final class SliceFactory {
    /** The EndpointSlice controller's default {@code --max-endpoints-per-slice}. */
    static final int MAX_ENDPOINTS_PER_SLICE = 100;

    private final SyntheticSpec spec;
    private final SplittableRandom rng;
    private final PodCidrPlan plan;
    private final SyntheticNodes nodes;
    private final int[] nextPod;

    SliceFactory(SyntheticSpec spec, SplittableRandom rng, PodCidrPlan plan, SyntheticNodes nodes) {
        this.spec = spec;
        this.rng = rng;
        this.plan = plan;
        this.nodes = nodes;
        this.nextPod = new int[spec.nodes()];
    }

    /** Adds to {@code out} the slices of {@code service}: {@code count} endpoints on nodes from {@code firstNode}. */
    void build(ObjectRef service, List<EndpointPort> ports, int count, int firstNode, boolean hints,
            List<EndpointSlice> out) {
        int slices = sliceCount(count);
        Set<String> names = slices > 1 ? new HashSet<>(slices * 2) : null;
        int node = firstNode;
        for (int s = 0, done = 0; s < slices; s++) {
            int size = Math.min(MAX_ENDPOINTS_PER_SLICE, count - done);
            Endpoint[] endpoints = new Endpoint[size];
            for (int k = 0; k < size; k++) {
                endpoints[k] = endpoint(node, hints);
                node = node + 1 == nodes.names.length ? 0 : node + 1;
            }
            done += size;
            String name = service.name() + "-" + Names.suffix(rng);
            while (names != null && !names.add(name)) {
                name = service.name() + "-" + Names.suffix(rng);
            }
            out.add(new EndpointSlice(ObjectRef.of(service.namespace(), name), service.name(), IpFamily.IPv4, ports,
                    List.of(endpoints)));
        }
    }

    private Endpoint endpoint(int node, boolean hints) {
        IpAddress ip = IpAddress.ofV4(plan.podIp(node, nextPod[node]++));
        boolean terminating = spec.terminating() > 0 && rng.nextDouble() < spec.terminating();
        return new Endpoint(List.of(ip), !terminating, Boolean.TRUE, terminating, nodes.names[node],
                nodes.zones[node], hints ? nodes.zoneHints.get(node) : List.of(), List.of(), null);
    }

    /** The slices a service of {@code count} endpoints gets. */
    static int sliceCount(int count) {
        return Math.max(1, (count + MAX_ENDPOINTS_PER_SLICE - 1) / MAX_ENDPOINTS_PER_SLICE);
    }

    /** An empty list sized for the slices of {@code plan}. */
    static List<EndpointSlice> listFor(ServicePlan plan) {
        long n = 0;
        for (int c : plan.endpoints) {
            n += sliceCount(c);
        }
        return new ArrayList<>((int) Math.min(n, Integer.MAX_VALUE - 8));
    }
}
