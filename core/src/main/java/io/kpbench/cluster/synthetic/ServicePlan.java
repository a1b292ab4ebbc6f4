package io.kpbench.cluster.synthetic;

import io.kpbench.cluster.ServiceType;
import java.util.SplittableRandom;

/**
 * The per-service draws of a synthetic cluster, held as parallel arrays and made before any object is built, so
 * that the node-port and pod-address needs are known (and refused) up front: type, endpoint count, first node and
 * the Local, ClientIP and hints flags.
 *
 * <p>A service's endpoints go to consecutive nodes from a random first node, so that its replicas land on distinct
 * nodes while there are nodes left, as the default scheduler's spreading (PodTopologySpread with
 * {@code maxSkew: 1} on the hostname) places a Deployment's replicas.
 */
final class ServicePlan {
    static final int LOCAL = 1;
    static final int AFFINITY = 2;
    static final int HINTS = 4;

    final ServiceType[] type;
    final int[] endpoints;
    final int[] firstNode;
    final byte[] flags;
    final int[] podsPerNode;
    final int maxPodsPerNode;

    private ServicePlan(SyntheticSpec spec, SplittableRandom rng) {
        int n = spec.services();
        int nodes = spec.nodes();
        type = shuffledTypes(spec, rng);
        endpoints = new int[n];
        firstNode = new int[n];
        flags = new byte[n];
        long total = 0;
        long nodePorts = 0;
        long everyNode = 0;
        podsPerNode = new int[nodes];
        CountDistribution.Sampler sampler = spec.endpoints().sampler();
        for (int i = 0; i < n; i++) {
            endpoints[i] = sampler.next(rng);
            firstNode[i] = rng.nextInt(nodes);
            boolean external = type[i].hasNodePorts();
            boolean local = external && rng.nextDouble() < spec.local();
            boolean affinity = rng.nextDouble() < spec.affinity();
            boolean hints = spec.zones() > 0 && rng.nextDouble() < spec.hints();
            flags[i] = (byte) ((local ? LOCAL : 0) | (affinity ? AFFINITY : 0) | (hints ? HINTS : 0));
            total += endpoints[i];
            nodePorts += external ? spec.ports() : 0;
            nodePorts += local && type[i] == ServiceType.LoadBalancer ? 1 : 0;
            everyNode += endpoints[i] / nodes;
            for (int r = 0, rem = endpoints[i] % nodes; r < rem; r++) {
                podsPerNode[(firstNode[i] + r) % nodes]++;
            }
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("endpoints: " + total + " endpoints in all, more than 2^31");
        }
        if (nodePorts > spec.nodePortRange().size()) {
            throw new IllegalArgumentException("types: the NodePort and LoadBalancer services need " + nodePorts
                    + " node ports (health-check node ports of Local load balancers included), more than the "
                    + spec.nodePortRange().size() + " in " + spec.nodePortRange());
        }
        int max = 0;
        for (int k = 0; k < nodes; k++) {
            podsPerNode[k] += (int) everyNode;
            max = Math.max(max, podsPerNode[k]);
        }
        maxPodsPerNode = max;
    }

    /** Draws the plan of {@code spec} from {@code rng}. */
    static ServicePlan draw(SyntheticSpec spec, SplittableRandom rng) {
        return new ServicePlan(spec, rng);
    }

    /** The exact type counts of the spec, shuffled (Fisher-Yates) over the services. */
    private static ServiceType[] shuffledTypes(SyntheticSpec spec, SplittableRandom rng) {
        int[] counts = spec.types().apportion(spec.services());
        ServiceType[] t = new ServiceType[spec.services()];
        int i = 0;
        for (int k = 0; k < counts.length; k++) {
            for (int c = 0; c < counts[k]; c++) {
                t[i++] = TypeMix.TYPES[k];
            }
        }
        for (int j = t.length - 1; j > 0; j--) {
            int r = rng.nextInt(j + 1);
            ServiceType x = t[j];
            t[j] = t[r];
            t[r] = x;
        }
        return t;
    }

    /** True when service {@code i} has flag {@code flag}. */
    boolean has(int i, int flag) {
        return (flags[i] & flag) != 0;
    }
}
