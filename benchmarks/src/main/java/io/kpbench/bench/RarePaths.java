package io.kpbench.bench;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Packets down two paths that a uniform mix reaches only by chance, primed before measurement.
 *
 * <p><b>Hairpins</b>: packets from a service's own endpoints to that service, where the endpoint chosen can be the
 * sender itself and kube-proxy masquerades the packet (iptables' {@code KUBE-MARK-MASQ} in each
 * {@code KUBE-SEP-*} chain, nftables' hairpin check, IPVS's {@code KUBE-LOOP-BACK} set, Cilium's hairpin flag).
 *
 * <p>Why the benchmarks prime with them: a uniform mix sends from any pod to any service, so it takes the hairpin
 * branch about once in 100,000 packets at 10k services. Whether a fork's profile has seen that branch before C2
 * compiles a mode's classifier is then chance; a fork whose profile had not seen it compiles the branch as an
 * uncommon trap, and the first hairpin packet of its measurement deoptimises the classifier and recompiles it in
 * the middle of a measured iteration (seen with {@code -XX:+LogCompilation}: an {@code unstable_if} trap in IPVS's
 * {@code CompanionRules.loopBack}, 1.2 s into the measurement). Classifying these packets first gives every fork's
 * profile both sides of the branch, as the kernel's compiled code has both.
 *
 * <p>The senders are the service's endpoints on the proxier's node, as a hairpin really starts: kube-proxy's IPVS
 * mode lists only local endpoints in {@code KUBE-LOOP-BACK} ({@code pkg/proxy/ipvs/proxier.go},
 * {@code syncService}, v1.33), and a pod's packets meet its own node's rules. With 10 endpoints a service picks
 * its sender about one time in ten in the netfilter modes; eBPF's socket load balancer translates a pod's connect
 * before any packet and masquerades none, and the userspace proxy masquerades every connection (it re-originates
 * it), so those two take no hairpin branch to prime.
 *
 * <p><b>One client port, two services</b>: after each hairpin, the same source address and port to another
 * service. IPVS hashes a connection by protocol, client address and client port ({@code ip_vs_conn_hashkey},
 * {@code net/netfilter/ipvs/ip_vs_conn.c}, Linux 6.12), so the second packet walks a chain holding the first's
 * connection, which matches the client's address and port and fails on the virtual address: the partial match
 * that a filling connection table meets by chance a second or more into a measurement (two more
 * {@code unstable_if} traps in {@code ConnectionTable.lookup}, seen with {@code -XX:+LogCompilation}).
 */
final class RarePaths {
    /** Packets per plane: half hairpins (about a tenth of which hit the sender with 10 endpoints per service), each
     * followed by its client port's packet to another service. */
    static final int COUNT = 4096;

    private final PacketMix packets;

    private RarePaths(PacketMix packets) {
        this.packets = packets;
    }

    /**
     * {@code count} (even) seeded packets in pairs: one from one of its service's own IPv4 endpoints on node
     * {@code nodeName} to that service's ClusterIP and port, then the same source address and port to another
     * service port; empty when no service has an endpoint there.
     */
    static RarePaths of(ClusterSnapshot c, String nodeName, int count, long seed) {
        List<int[]> targets = new ArrayList<>();
        List<int[]> senders = new ArrayList<>();
        for (Service s : c.services().values()) {
            if (!s.proxied() || s.clusterIP(IpFamily.IPv4) == null) {
                continue;
            }
            int[] own = endpoints(c.slicesOf(s.ref()), nodeName);
            if (own.length == 0) {
                continue;
            }
            for (ServicePort p : s.ports()) {
                targets.add(new int[] {s.clusterIP(IpFamily.IPv4).v4(), p.port(), p.protocol().number()});
                senders.add(own);
            }
        }
        List<int[]> all = List.of(ClusterTargets.clusterIps(c));
        SplittableRandom rng = new SplittableRandom(seed);
        int n = targets.isEmpty() || all.size() < 2 ? 0 : count & ~1;
        int[] packed = new int[n * 4];
        long[] random = new long[n];
        for (int i = 0; i < n; i += 2) {
            int t = rng.nextInt(targets.size());
            int[] own = senders.get(t);
            int[] hairpin = targets.get(t);
            int[] other = all.get(rng.nextInt(all.size()));
            while (other[0] == hairpin[0]) {
                other = all.get(rng.nextInt(all.size()));
            }
            int source = own[rng.nextInt(own.length)];
            int sourcePort = PacketMix.sourcePort(rng);
            PacketMix.pack(packed, i, source, sourcePort, hairpin);
            PacketMix.pack(packed, i + 1, source, sourcePort, other);
            random[i] = rng.nextLong();
            random[i + 1] = rng.nextLong();
        }
        return new RarePaths(PacketMix.of(packed, random));
    }

    /** The packets, hairpins at even indexes. */
    int size() {
        return packets.size();
    }

    /** Loads packet {@code i} into {@code t}. */
    FiveTuple load(int i, FiveTuple t) {
        return packets.load(i, t);
    }

    /**
     * Classifies every packet once through {@code dp} at {@code nowNanos}; returns how many hairpins (the even
     * packets) were masqueraded.
     */
    int classifyAll(DataPlane dp, long nowNanos) {
        FiveTuple t = new FiveTuple();
        int masqueraded = 0;
        for (int i = 0; i < packets.size(); i++) {
            long r = dp.classify(packets.load(i, t), nowNanos, packets.random(i));
            masqueraded += i % 2 == 0 && Classification.masquerade(r) ? 1 : 0;
        }
        return masqueraded;
    }

    private static int[] endpoints(List<EndpointSlice> slices, String nodeName) {
        List<Integer> out = new ArrayList<>();
        for (EndpointSlice s : slices) {
            for (Endpoint e : s.endpoints()) {
                if (e.address().isV4() && nodeName.equals(e.nodeName())) {
                    out.add(e.address().v4());
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
