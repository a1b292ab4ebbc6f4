package io.kpbench.path;

import io.kpbench.conntrack.ConntrackResult;
import io.kpbench.conntrack.ConntrackTable;
import io.kpbench.conntrack.TcpFlags;
import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;
import io.kpbench.path.JourneyResult.Outcome;

/**
 * The forwarding engine: one packet of a connection there and back through the cloud LB, the nodes' conntrack
 * tables and proxiers, the pod network and back, after the end-to-end path of the kube-proxy reference (§6).
 *
 * <p>Request: the originator's node (a pod's or a node's own) runs its proxier first; an outside client reaches a
 * node only through an LB listener or a node IP. At a node, {@link ConntrackTable#receive} either matches an
 * established flow (the fast path: translated from the entry, no rule or map walked) or misses, and the proxier
 * classifies the NEW packet; a DNAT verdict becomes a conntrack entry whose reply tuple carries the DNAT and the
 * masquerade (source: the node IP, port chosen fully at random). The translated packet is routed to the pod's node,
 * across nodes if need be (optionally VXLAN-encapsulated). Reply: the inverse of the delivered tuple leaves the
 * pod, passes the pod's node's conntrack, is routed by destination (a node IP or pod IP to its node; outside
 * addresses out through the pod's node, then the LB's flow table), and every conntrack it meets reverses its NAT.
 * The originator checks the reply's source is what it dialled.
 *
 * <p>{@link #journey} runs with {@link HopSink#NONE} and allocates nothing once every endpoint id has been seen.
 * One instance per thread: it reuses its tuples, and so does each node's endpoint cache.
 */
public final class PacketPath {
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
     * Sends one packet of a connection and its reply; allocation-free. The originator is the pod or node owning
     * {@code srcIp}, else an outside client. A connection's first packet creates conntrack entries; later packets
     * with the same tuple take the fast path.
     *
     * @return a {@link JourneyResult}-packed result
     */
    public long journey(int srcIp, int srcPort, int dstIp, int dstPort, int protocol, long nowNanos, long random) {
        return run(srcIp, srcPort, dstIp, dstPort, protocol, nowNanos, random, HopSink.NONE);
    }

    /** As {@link #journey}, reporting every hop to {@code sink}. */
    public long run(int srcIp, int srcPort, int dstIp, int dstPort, int protocol, long now, long random,
            HopSink sink) {
        FiveTuple p = pkt.setV4(srcIp, srcPort, dstIp, dstPort, protocol);
        sink.hop(HopKind.SEND, false, originNode(srcIp), p, 0);
        long flags = 0;
        int lbFlow = -1;
        int node = originNode(srcIp);
        if (node < 0) {
            int l = lb.listenerAt(dstIp, protocol, dstPort);
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
                    } else {
                        node = lb.pickNode(l, p);
                        if (node < 0) {
                            return drop(Outcome.NO_HEALTHY_NODE, flags, sink);
                        }
                        ClusterNode target = net.nodes().get(node);
                        r = lb.conntrack().insert(p, TcpFlags.SYN, target.ipV4(), listener.nodePort(), 0, now,
                                out);
                        if (r < 0) {
                            return drop(Outcome.TABLE_FULL, flags, sink);
                        }
                    }
                    lbFlow = 1;
                    p.setV4(out.srcV4(), out.srcPort(), out.dstV4(), out.dstPort(), protocol);
                    node = net.nodeWithIp(p.dstV4());
                }
                if (node < 0) {
                    return drop(Outcome.NO_HEALTHY_NODE, flags, sink);
                }
            } else {
                node = net.nodeWithIp(dstIp);
                if (node < 0) {
                    return drop(Outcome.NO_ROUTE, flags, sink);
                }
            }
            sink.hop(HopKind.NODE, false, node, p, 0);
        }
        int natNode = -1;
        for (int visits = 0; visits < 2; visits++) {
            ClusterNode n = net.nodes().get(node);
            long r = n.conntrack().receive(p, TcpFlags.ACK, now, out);
            if (r >= 0) {
                flags |= JourneyResult.FAST_PATH;
                natNode = node;
                p.setV4(out.srcV4(), out.srcPort(), out.dstV4(), out.dstPort(), protocol);
                sink.hop(HopKind.CONNTRACK_HIT, false, node, p, r);
            } else if (r == ConntrackResult.MISS) {
                long c = n.proxier().classify(p, now, random);
                sink.hop(HopKind.PROXY, false, node, p, c);
                Verdict v = Classification.verdict(c);
                if (v == Verdict.DNAT) {
                    long ep = n.endpoint(Classification.endpoint(c));
                    boolean masq = Classification.masquerade(c);
                    int snat = masq ? n.ipV4() : 0;
                    int sip = p.srcV4();
                    int sport = p.srcPort();
                    r = n.conntrack().insert(p, TcpFlags.SYN, (int) (ep >>> 16), (int) ep & 0xFFFF, snat, now, out);
                    if (r < 0) {
                        return drop(Outcome.TABLE_FULL, flags, sink);
                    }
                    natNode = node;
                    p.setV4(sip, sport, out.dstV4(), out.dstPort(), protocol);
                    sink.hop(HopKind.DNAT, false, node, p, ep);
                    if (masq) {
                        flags |= JourneyResult.MASQUERADE;
                        p.setV4(out.srcV4(), out.srcPort(), out.dstV4(), out.dstPort(), protocol);
                        sink.hop(HopKind.SNAT, false, node, p, 0);
                    }
                } else if (v == Verdict.DROP || v == Verdict.REJECT) {
                    return drop(v == Verdict.DROP ? Outcome.DROPPED : Outcome.REJECTED, flags, sink);
                } else if (v == Verdict.ACCEPT) {
                    sink.hop(HopKind.DELIVER, false, node, p, -1);
                    return finishAtNode(node, srcIp, srcPort, dstIp, dstPort, protocol, flags, sink);
                }
            } else {
                return drop(Outcome.TABLE_FULL, flags, sink);
            }
            int nextNode = net.nodeWithIp(p.dstV4());
            if (natNode >= 0 || nextNode < 0 || nextNode == node) {
                break;
            }
            route(false, node, nextNode, p, sink);
            node = nextNode;
        }
        return deliver(node, natNode, lbFlow >= 0, srcIp, srcPort, dstIp, dstPort, protocol, now, flags, sink);
    }

    private long deliver(int node, int natNode, boolean lbFlow, int srcIp, int srcPort, int dstIp, int dstPort,
            int protocol, long now, long flags, HopSink sink) {
        FiveTuple p = pkt;
        int pod = net.podWithIp(p.dstV4());
        int podNode = pod >= 0 ? net.pods().get(pod).node() : net.nodeWithIp(p.dstV4());
        if (podNode < 0) {
            return drop(Outcome.NO_ROUTE, flags, sink);
        }
        if (podNode != node) {
            flags |= JourneyResult.CROSS_NODE;
            route(false, node, podNode, p, sink);
        }
        sink.hop(HopKind.DELIVER, false, podNode, p, pod);
        int epIp = p.dstV4();
        int epPort = p.dstPort();
        int replyFlags = (flags & JourneyResult.FAST_PATH) != 0 ? TcpFlags.ACK : TcpFlags.SYN_ACK;
        p.setV4(epIp, epPort, p.srcV4(), p.srcPort(), protocol);
        sink.hop(HopKind.SEND, true, podNode, p, pod);
        int at = podNode;
        unNat(at, replyFlags, now, sink);
        int next = nextHopNode(at);
        if (next >= 0 && next != at) {
            route(true, at, next, p, sink);
            unNat(next, replyFlags, now, sink);
        }
        if (lbFlow) {
            long r = lb.conntrack().receive(p, replyFlags, now, out);
            if (r >= 0 && ConntrackResult.direction(r) == ConntrackResult.REPLY) {
                p.setV4(out.srcV4(), out.srcPort(), out.dstV4(), out.dstPort(), protocol);
                sink.hop(HopKind.LOAD_BALANCER_UNNAT, true, -1, p, r);
            }
        }
        boolean restored = p.srcV4() == dstIp && p.srcPort() == dstPort && p.dstV4() == srcIp
                && p.dstPort() == srcPort;
        sink.hop(HopKind.RECEIVE, true, originNode(srcIp), p, restored ? 1 : 0);
        return JourneyResult.pack(restored ? Outcome.REPLIED : Outcome.REPLY_MISMATCH, epIp, epPort, flags);
    }

    private long finishAtNode(int node, int srcIp, int srcPort, int dstIp, int dstPort, int protocol, long flags,
            HopSink sink) {
        FiveTuple p = pkt.setV4(dstIp, dstPort, srcIp, srcPort, protocol);
        sink.hop(HopKind.SEND, true, node, p, -1);
        sink.hop(HopKind.RECEIVE, true, originNode(srcIp), p, 1);
        return JourneyResult.pack(Outcome.NODE_REPLIED, 0, 0, flags);
    }

    private void unNat(int node, int tcpFlags, long now, HopSink sink) {
        FiveTuple p = pkt;
        long r = net.nodes().get(node).conntrack().receive(p, tcpFlags, now, out);
        if (r >= 0 && ConntrackResult.direction(r) == ConntrackResult.REPLY) {
            p.setV4(out.srcV4(), out.srcPort(), out.dstV4(), out.dstPort(), p.protocol());
            sink.hop(HopKind.UNNAT, true, node, p, r);
        }
    }

    /** The node a packet at {@code at} is routed to next: a node IP's or pod IP's node; outside: -1. */
    private int nextHopNode(int at) {
        int dst = pkt.dstV4();
        int n = net.nodeWithIp(dst);
        if (n >= 0) {
            return n;
        }
        int pod = net.podWithIp(dst);
        return pod >= 0 ? net.pods().get(pod).node() : net.nodeHostingPodAddress(dst);
    }

    private void route(boolean reply, int from, int to, FiveTuple p, HopSink sink) {
        if (overlay) {
            sink.hop(HopKind.OVERLAY, reply, from, p, to);
        }
        sink.hop(HopKind.ROUTE, reply, from, p, to);
    }

    private int originNode(int srcIp) {
        int n = net.nodeWithIp(srcIp);
        if (n >= 0) {
            return n;
        }
        int pod = net.podWithIp(srcIp);
        return pod >= 0 ? net.pods().get(pod).node() : -1;
    }

    private long drop(Outcome o, long flags, HopSink sink) {
        sink.hop(HopKind.DROP, false, -1, pkt, o.ordinal());
        return JourneyResult.pack(o, 0, 0, flags);
    }
}
