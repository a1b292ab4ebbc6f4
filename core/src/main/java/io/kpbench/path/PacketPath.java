package io.kpbench.path;

import io.kpbench.conntrack.ConntrackResult;
import io.kpbench.conntrack.TcpFlags;
import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;
import io.kpbench.path.JourneyResult.Outcome;

/**
 * The forwarding engine: one packet of a connection there and back through the cloud LB, the nodes' conntrack
 * tables and proxiers, the pod network and back, after the end-to-end path of the kube-proxy reference (§6).
 *
 * <p>Request: the originator's node (a pod's or a node's own) runs its proxier first; an outside client reaches a node
 * only through an LB listener, a node IP, or a node's ExternalIP, which the provider's 1:1 NAT turns into the
 * node's InternalIP on the way in and back on the reply ({@link NodeAddresses}). At a node, conntrack of the
 * packet's family either matches an established flow (the fast path: translated from the entry, no rule or map
 * walked) or misses, and the proxier classifies the NEW packet; a DNAT verdict becomes a conntrack entry whose
 * reply tuple carries the DNAT and the masquerade (source: the node IP, port chosen fully at random). The
 * translated packet is routed to the pod's node, across nodes if need be (optionally VXLAN-encapsulated), or, for an
 * endpoint outside the cluster, out of the node through its default route ({@link #deliverOffCluster}). A conntrack
 * refusal drops the packet with its own outcome (table full, insert failed, invalid). Reply:
 * the inverse of the delivered tuple leaves the pod, passes the pod's node's conntrack, is routed by destination (a
 * node IP or pod IP to its node; outside addresses out through the pod's node, then the LB's flow table or the
 * provider's NAT), and every conntrack it meets reverses its NAT. The originator checks the reply's source is what
 * it dialled. Both IP families take the same path, each through its own proxier and conntrack table on every node
 * ({@link ClusterNode}); the cloud LB is IPv4 only.
 *
 * <p>{@link #journey} runs with {@link HopSink#NONE} and allocates nothing once every endpoint id has been seen.
 * One instance per thread: it reuses its tuples, and so does each node's endpoint cache.
 */
public final class PacketPath {
    private static final long V4_MAPPED = 0x0000_FFFF_0000_0000L;

    private final ClusterNetwork net;
    private final CloudLoadBalancer lb;
    private final boolean overlay;
    private final FiveTuple pkt = new FiveTuple();
    private final FiveTuple out = new FiveTuple();

    /** An engine over {@code net} and its load balancers; {@code overlay} adds a VXLAN hop between nodes. */
    public PacketPath(ClusterNetwork net, CloudLoadBalancer lb, boolean overlay) {
        this.net = net;
        this.lb = lb;
        this.overlay = overlay;
    }

    /** The network. */
    public ClusterNetwork network() {
        return net;
    }

    /** The load balancers. */
    public CloudLoadBalancer loadBalancer() {
        return lb;
    }

    /**
     * Sends one IPv4 packet of a connection and its reply; allocation-free. The originator is the pod or node
     * owning {@code srcIp}, else an outside client. A connection's first packet creates conntrack entries; later
     * packets with the same tuple take the fast path.
     *
     * @return a {@link JourneyResult}-packed result
     */
    public long journey(int srcIp, int srcPort, int dstIp, int dstPort, int protocol, long nowNanos, long random) {
        return run(0L, mapped(srcIp), srcPort, 0L, mapped(dstIp), dstPort, protocol, nowNanos, random,
                HopSink.NONE);
    }

    /** As {@link #journey} for IPv6 addresses given as their upper and lower 64 bits; allocation-free. */
    public long journey6(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort, int protocol,
            long nowNanos, long random) {
        return run(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, protocol, nowNanos, random, HopSink.NONE);
    }

    /** As {@link #journey}, reporting every hop to {@code sink}. */
    public long run(int srcIp, int srcPort, int dstIp, int dstPort, int protocol, long now, long random,
            HopSink sink) {
        return run(0L, mapped(srcIp), srcPort, 0L, mapped(dstIp), dstPort, protocol, now, random, sink);
    }

    /** One packet and its reply between addresses of either family (128-bit form), reporting to {@code sink}. */
    public long run(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort, int protocol, long now,
            long random, HopSink sink) {
        FiveTuple p = pkt.set(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, protocol);
        boolean v4 = p.isV4();
        long flags = v4 ? 0L : JourneyResult.IPV6;
        int origin = originNode(srcHi, srcLo);
        sink.hop(HopKind.SEND, false, origin, p, 0);
        boolean lbFlow = false;
        int natted = -1;
        int node = origin;
        if (node < 0) {
            int l = v4 ? lb.listenerAt(p.dstV4(), protocol, dstPort) : -1;
            if (l >= 0) {
                flags |= JourneyResult.VIA_LB;
                LbListener listener = lb.listener(l);
                sink.hop(HopKind.LOAD_BALANCER, false, -1, p, l);
                if (listener.vipMode()) {
                    node = lb.pickNode(l, p);
                } else {
                    long r = lb.conntrack().receive(p, TcpFlags.ACK, now, out);
                    if (r >= 0) {
                        sink.hop(HopKind.LOAD_BALANCER_FLOW, false, -1, out, r);
                    } else if (r != ConntrackResult.MISS) {
                        return drop(JourneyResult.ofConntrack(r), flags, sink);
                    } else {
                        node = lb.pickNode(l, p);
                        if (node < 0) {
                            return drop(Outcome.NO_HEALTHY_NODE, flags, sink);
                        }
                        ClusterNode target = net.nodes().get(node);
                        r = lb.conntrack().insert(p, TcpFlags.SYN, target.ipV4(), listener.nodePort(), 0, now,
                                out);
                        if (r < 0) {
                            return drop(JourneyResult.ofConntrack(r), flags, sink);
                        }
                    }
                    lbFlow = true;
                    copy(out, p);
                    node = net.nodeWithIp(p.dstV4());
                }
                if (node < 0) {
                    return drop(Outcome.NO_HEALTHY_NODE, flags, sink);
                }
            } else {
                node = net.nodeWithAddress(dstHi, dstLo);
                if (node < 0 && v4) {
                    node = net.nodeBehindNat(p.dstV4());
                    if (node >= 0) {
                        natted = node;
                        flags |= JourneyResult.VIA_CLOUD_NAT;
                        p.setV4(p.srcV4(), srcPort, net.nodes().get(node).ipV4(), dstPort, protocol);
                        sink.hop(HopKind.CLOUD_NAT, false, -1, p, node);
                    }
                }
                if (node < 0) {
                    return drop(Outcome.NO_ROUTE, flags, sink);
                }
            }
            sink.hop(HopKind.NODE, false, node, p, 0);
        }
        int natNode = -1;
        for (int visits = 0; visits < 2; visits++) {
            ClusterNode n = net.nodes().get(node);
            long r = n.receive(p, TcpFlags.ACK, now, out);
            if (r >= 0) {
                flags |= JourneyResult.FAST_PATH;
                natNode = node;
                copy(out, p);
                sink.hop(HopKind.CONNTRACK_HIT, false, node, p, r);
            } else if (r == ConntrackResult.MISS) {
                long c = n.classify(p, now, random);
                sink.hop(HopKind.PROXY, false, node, p, c);
                Verdict v = Classification.verdict(c);
                if (v == Verdict.DNAT) {
                    long sHi = p.srcHi();
                    long sLo = p.srcLo();
                    int sport = p.srcPort();
                    r = n.insertNat(p, TcpFlags.SYN, c, now, out);
                    if (r < 0) {
                        return drop(JourneyResult.ofConntrack(r), flags, sink);
                    }
                    natNode = node;
                    p.set(sHi, sLo, sport, out.dstHi(), out.dstLo(), out.dstPort(), protocol);
                    sink.hop(HopKind.DNAT, false, node, p, c);
                    if (Classification.masquerade(c)) {
                        flags |= JourneyResult.MASQUERADE;
                        copy(out, p);
                        sink.hop(HopKind.SNAT, false, node, p, 0);
                    }
                } else if (v == Verdict.DROP || v == Verdict.REJECT) {
                    return drop(v == Verdict.DROP ? Outcome.DROPPED : Outcome.REJECTED, flags, sink);
                } else if (v == Verdict.ACCEPT) {
                    return finishAtNode(node, lbFlow, natted, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, now,
                            flags, sink);
                }
            } else {
                return drop(JourneyResult.ofConntrack(r), flags, sink);
            }
            int nextNode = net.nodeWithAddress(p.dstHi(), p.dstLo());
            if (natNode >= 0 || nextNode < 0 || nextNode == node) {
                break;
            }
            route(false, node, nextNode, p, sink);
            node = nextNode;
        }
        if (natNode < 0 && net.nodeWithAddress(p.dstHi(), p.dstLo()) == node) {
            return finishAtNode(node, lbFlow, natted, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, now, flags,
                    sink);
        }
        return deliver(node, natNode >= 0, lbFlow, natted, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, now, flags,
                sink);
    }

    /** To the pod or node with the destination address; a {@code translated} one outside the cluster: to that host. */
    private long deliver(int node, boolean translated, boolean lbFlow, int natted, long srcHi, long srcLo,
            int srcPort, long dstHi, long dstLo, int dstPort, long now, long flags, HopSink sink) {
        FiveTuple p = pkt;
        int pod = net.podWithAddress(p.dstHi(), p.dstLo());
        int podNode = pod >= 0 ? net.pods().get(pod).node() : net.nodeWithAddress(p.dstHi(), p.dstLo());
        if (podNode < 0) {
            if (translated && net.isOffCluster(p.dstHi(), p.dstLo())) {
                return deliverOffCluster(lbFlow, natted, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, now, flags,
                        sink);
            }
            return drop(Outcome.NO_ROUTE, flags, sink);
        }
        if (podNode != node) {
            flags |= JourneyResult.CROSS_NODE;
            route(false, node, podNode, p, sink);
        }
        sink.hop(HopKind.DELIVER, false, podNode, p, pod);
        long epLo = p.dstLo();
        int epPort = p.dstPort();
        int replyFlags = (flags & JourneyResult.FAST_PATH) != 0 ? TcpFlags.ACK : TcpFlags.SYN_ACK;
        p.set(p.dstHi(), epLo, epPort, p.srcHi(), p.srcLo(), p.srcPort(), p.protocol());
        sink.hop(HopKind.SEND, true, podNode, p, pod);
        return replyThroughNodes(podNode, replyFlags, lbFlow, natted, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort,
                now, (int) epLo, epPort, flags, sink);
    }

    /**
     * A DNATed packet to a host outside the cluster (no pod, node or node's pod CIDR has its address): the node
     * routes it out through its default route, as it would any address it has no route of its own for, and the
     * host answers. kube-proxy does nothing special for such an endpoint (the EKS API server's cross-account
     * ENIs, a selector-less Service's manual EndpointSlice): the same DNAT (and masquerade) rule as for a pod, then
     * ordinary routing. The reply comes back to the node its destination belongs to (the pod's node, or the node
     * whose IP masqueraded it), whose conntrack reverses the NAT exactly as for a pod's reply. An unmasqueraded
     * reply to a pod IP assumes the host can route to pod IPs, as in a VPC where the CNI gives pods VPC addresses
     * (the AWS VPC CNI); elsewhere a CNI's own egress SNAT, not modelled, plays that part. The host is no part of
     * the model: no hop is reported for it, and the result carries {@link JourneyResult#OFF_CLUSTER}.
     */
    private long deliverOffCluster(boolean lbFlow, int natted, long srcHi, long srcLo, int srcPort, long dstHi,
            long dstLo, int dstPort, long now, long flags, HopSink sink) {
        FiveTuple p = pkt;
        long epLo = p.dstLo();
        int epPort = p.dstPort();
        int replyFlags = (flags & JourneyResult.FAST_PATH) != 0 ? TcpFlags.ACK : TcpFlags.SYN_ACK;
        p.set(p.dstHi(), epLo, epPort, p.srcHi(), p.srcLo(), p.srcPort(), p.protocol());
        long f = flags | JourneyResult.OFF_CLUSTER;
        int at = nextHopNode();
        if (at < 0) {
            return receive(lbFlow, natted, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, now, (int) epLo, epPort, f,
                    sink);
        }
        return replyThroughNodes(at, replyFlags, lbFlow, natted, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, now,
                (int) epLo, epPort, f, sink);
    }

    /** The reply at node {@code at}: its conntrack, then the next node's when the reply is routed on. */
    private long replyThroughNodes(int at, int replyFlags, boolean lbFlow, int natted, long srcHi, long srcLo,
            int srcPort, long dstHi, long dstLo, int dstPort, long now, int epIp, int epPort, long flags,
            HopSink sink) {
        unNat(at, replyFlags, now, sink);
        int next = nextHopNode();
        if (next >= 0 && next != at) {
            route(true, at, next, pkt, sink);
            unNat(next, replyFlags, now, sink);
        }
        return receive(lbFlow, natted, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, now, epIp, epPort, flags,
                sink);
    }

    /** The node itself takes the packet (ACCEPT, or no rule for an address of its own) and answers. */
    private long finishAtNode(int node, boolean lbFlow, int natted, long srcHi, long srcLo, int srcPort, long dstHi,
            long dstLo, int dstPort, long now, long flags, HopSink sink) {
        FiveTuple p = pkt;
        sink.hop(HopKind.DELIVER, false, node, p, -1);
        p.set(p.dstHi(), p.dstLo(), p.dstPort(), p.srcHi(), p.srcLo(), p.srcPort(), p.protocol());
        sink.hop(HopKind.SEND, true, node, p, -1);
        long r = receive(lbFlow, natted, srcHi, srcLo, srcPort, dstHi, dstLo, dstPort, now, 0, 0, flags, sink);
        return JourneyResult.outcome(r) == Outcome.REPLIED ? JourneyResult.pack(Outcome.NODE_REPLIED, 0, 0, flags) : r;
    }

    /**
     * The reply leaves the cluster: the LB's flow table or the provider's NAT (each when the request came through
     * it) reverses its translation, then the originator checks the reply's source.
     */
    private long receive(boolean lbFlow, int natted, long srcHi, long srcLo, int srcPort, long dstHi, long dstLo,
            int dstPort, long now, int epIp, int epPort, long flags, HopSink sink) {
        FiveTuple p = pkt;
        if (lbFlow) {
            int replyFlags = (flags & JourneyResult.FAST_PATH) != 0 ? TcpFlags.ACK : TcpFlags.SYN_ACK;
            long r = lb.conntrack().receive(p, replyFlags, now, out);
            if (r >= 0 && ConntrackResult.direction(r) == ConntrackResult.REPLY) {
                copy(out, p);
                sink.hop(HopKind.LOAD_BALANCER_UNNAT, true, -1, p, r);
            }
        }
        if (natted >= 0 && p.isV4() && p.srcV4() == net.nodes().get(natted).ipV4()) {
            p.setV4((int) dstLo, p.srcPort(), p.dstV4(), p.dstPort(), p.protocol());
            sink.hop(HopKind.CLOUD_NAT, true, -1, p, natted);
        }
        boolean restored = p.srcHi() == dstHi && p.srcLo() == dstLo && p.srcPort() == dstPort
                && p.dstHi() == srcHi && p.dstLo() == srcLo && p.dstPort() == srcPort;
        sink.hop(HopKind.RECEIVE, true, originNode(srcHi, srcLo), p, restored ? 1 : 0);
        return JourneyResult.pack(restored ? Outcome.REPLIED : Outcome.REPLY_MISMATCH, epIp, epPort, flags);
    }

    private void unNat(int node, int tcpFlags, long now, HopSink sink) {
        FiveTuple p = pkt;
        long r = net.nodes().get(node).receive(p, tcpFlags, now, out);
        if (r >= 0 && ConntrackResult.direction(r) == ConntrackResult.REPLY) {
            copy(out, p);
            sink.hop(HopKind.UNNAT, true, node, p, r);
        }
    }

    /** The node the reply is routed to next: a node IP's or pod IP's node; outside: -1. */
    private int nextHopNode() {
        long hi = pkt.dstHi();
        long lo = pkt.dstLo();
        int n = net.nodeWithAddress(hi, lo);
        if (n >= 0) {
            return n;
        }
        int pod = net.podWithAddress(hi, lo);
        return pod >= 0 ? net.pods().get(pod).node() : net.nodeHostingPodAddress(hi, lo);
    }

    private void route(boolean reply, int from, int to, FiveTuple p, HopSink sink) {
        if (overlay) {
            sink.hop(HopKind.OVERLAY, reply, from, p, to);
        }
        sink.hop(HopKind.ROUTE, reply, from, p, to);
    }

    private int originNode(long hi, long lo) {
        int n = net.nodeWithAddress(hi, lo);
        if (n >= 0) {
            return n;
        }
        int pod = net.podWithAddress(hi, lo);
        return pod >= 0 ? net.pods().get(pod).node() : -1;
    }

    private static void copy(FiveTuple from, FiveTuple to) {
        to.set(from.srcHi(), from.srcLo(), from.srcPort(), from.dstHi(), from.dstLo(), from.dstPort(),
                from.protocol());
    }

    private static long mapped(int v4) {
        return V4_MAPPED | (v4 & 0xFFFF_FFFFL);
    }

    private long drop(Outcome o, long flags, HopSink sink) {
        sink.hop(HopKind.DROP, false, -1, pkt, o.ordinal());
        return JourneyResult.pack(o, 0, 0, flags);
    }
}
