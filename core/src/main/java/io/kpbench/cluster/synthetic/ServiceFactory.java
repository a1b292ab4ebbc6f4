package io.kpbench.cluster.synthetic;

import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TargetPort;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds the Services of a synthetic cluster as the API server would store them after defaulting and allocation:
 * a cluster IP from the service CIDR's {@link BitmapAllocator} ({@code .1} kept for the {@code kubernetes}
 * service, which is not generated), node ports from the node-port range, a load-balancer IP handed out first-free
 * as MetalLB does together with an ELB-style host name, and the traffic policies and affinity of the plan.
 *
 * <p>Ports take well-known numbers from a random start ({@code 80, 443, 8080...}), are named {@code p0, p1...}
 * when there are several, are UDP with the spec's {@code udp} share, and target container port {@code 8080 + j},
 * by name ({@code app-j}) for one port in five. Services have no selector: their EndpointSlices are written by
 * kpbench, not by the EndpointSlice controller.
 */
final class ServiceFactory {
    /** The share of target ports given by name. */
    static final double NAMED_TARGET_SHARE = 0.2;
    /** The first container port; port {@code j} of a service targets {@code 8080 + j}. */
    static final int TARGET_BASE = 8080;
    private static final int[] WELL_KNOWN = {80, 443, 8080, 8443, 9090, 3000, 5000, 6379, 5432, 3306, 9200, 27017,
        11211, 9092, 2379, 8000};
    private static final List<IpFamily> IPV4 = List.of(IpFamily.IPv4);

    private final SyntheticSpec spec;
    private final SplittableRandom rng;
    private final BitmapAllocator clusterIps;
    private final BitmapAllocator nodePorts;
    private final Cidr lbPool;
    private final EndpointPort[][] endpointPorts = new EndpointPort[Protocol.values().length][];
    private final String[] portNames;
    private final String[] targetNames;
    private int nextLbOffset = 1;

    ServiceFactory(SyntheticSpec spec, SplittableRandom rng) {
        this.spec = spec;
        this.rng = rng;
        long cidrSize = 1L << spec.serviceCidr().hostBits();
        this.clusterIps = new BitmapAllocator((int) (cidrSize - 2), BitmapAllocator.serviceIpBand(cidrSize),
                rng.split());
        this.clusterIps.reserve(0);
        this.nodePorts = new BitmapAllocator(spec.nodePortRange().size(),
                BitmapAllocator.nodePortBand(spec.nodePortRange().size()), rng.split());
        this.lbPool = spec.effectiveLbPool();
        this.portNames = new String[spec.ports()];
        this.targetNames = new String[spec.ports()];
        for (int j = 0; j < spec.ports(); j++) {
            portNames[j] = spec.ports() == 1 ? "" : "p" + j;
            targetNames[j] = "app-" + j;
        }
        for (Protocol p : Protocol.values()) {
            endpointPorts[p.ordinal()] = new EndpointPort[spec.ports()];
            for (int j = 0; j < spec.ports(); j++) {
                endpointPorts[p.ordinal()][j] = new EndpointPort(portNames[j], p, TARGET_BASE + j);
            }
        }
    }

    /** Service {@code ref} of {@code type}, with the plan's flags. */
    Service build(ObjectRef ref, ServiceType type, boolean local, boolean affinity) {
        int offset = clusterIps.allocateNext();
        if (offset < 0) {
            throw new IllegalStateException("service CIDR exhausted, which SyntheticSpec should have refused");
        }
        IpAddress clusterIP = spec.serviceCidr().address(offset + 1L);
        List<ServicePort> ports = new ArrayList<>(spec.ports());
        int start = rng.nextInt(WELL_KNOWN.length);
        for (int j = 0; j < spec.ports(); j++) {
            int port = j < WELL_KNOWN.length ? WELL_KNOWN[(start + j) % WELL_KNOWN.length] : 10_000 + j;
            Protocol protocol = rng.nextDouble() < spec.udp() ? Protocol.UDP : Protocol.TCP;
            TargetPort target = rng.nextDouble() < NAMED_TARGET_SHARE ? TargetPort.named(targetNames[j])
                    : TargetPort.of(TARGET_BASE + j);
            ports.add(new ServicePort(portNames[j], protocol, port, target, type.hasNodePorts() ? nodePort() : 0));
        }
        boolean lb = type == ServiceType.LoadBalancer;
        List<LoadBalancerIngress> ingress = lb
                ? List.of(new LoadBalancerIngress(lbPool.address(nextLbOffset++), Names.elbHostname(rng), IpMode.VIP))
                : List.of();
        TrafficPolicy etp = type.hasNodePorts() ? (local ? TrafficPolicy.Local : TrafficPolicy.Cluster) : null;
        return new Service(ref, type, List.of(clusterIP), false, IPV4, ports, List.of(), ingress, etp,
                TrafficPolicy.Cluster, affinity ? SessionAffinity.ClientIP : SessionAffinity.None,
                affinity ? SessionAffinity.DEFAULT_TIMEOUT_SECONDS : 0, List.of(), lb && local ? nodePort() : 0,
                null, Map.of());
    }

    /** The EndpointSlice ports of {@code s}: each service port's name and protocol, at its container port. */
    List<EndpointPort> endpointPorts(Service s) {
        List<ServicePort> sp = s.ports();
        EndpointPort[] out = new EndpointPort[sp.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = endpointPorts[sp.get(j).protocol().ordinal()][j];
        }
        return List.of(out);
    }

    private int nodePort() {
        int o = nodePorts.allocateNext();
        if (o < 0) {
            throw new IllegalArgumentException("types: the node-port range " + spec.nodePortRange() + " is exhausted");
        }
        return spec.nodePortRange().first() + o;
    }
}
