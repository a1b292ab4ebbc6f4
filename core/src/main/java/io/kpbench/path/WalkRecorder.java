package io.kpbench.path;

import io.kpbench.conntrack.ConntrackResult;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link HopSink} that turns the engine's primitive hops into {@link Hop} text and the seed's summary notation
 * ({@code Client -> Load Balancer DNS -> Node IP:NodePort -> Kube-proxy -> ClusterIP -> Pod}); for the CLI only.
 */
final class WalkRecorder implements HopSink {
    private final PacketPath path;
    private final String mode;
    private final String origin;
    private final String originToken;
    private final List<Hop> request = new ArrayList<>();
    private final List<Hop> reply = new ArrayList<>();
    private final List<String> there = new ArrayList<>();
    private final List<String> back = new ArrayList<>();
    private boolean dnsNamedLb;

    WalkRecorder(PacketPath path, String mode, String origin, String dnsToken) {
        this.path = path;
        this.mode = mode;
        this.origin = origin;
        this.originToken = origin.startsWith("pod/") ? "Pod" : origin.startsWith("node/") ? "Node" : "Client";
        there.add(originToken);
        if (dnsToken != null) {
            there.add(dnsToken);
            dnsNamedLb = dnsToken.startsWith("Load Balancer");
        }
    }

    @Override
    public void hop(HopKind kind, boolean isReply, int node, FiveTuple p, long detail) {
        String at = node >= 0 ? path.network().nodes().get(node).name() : origin;
        String note;
        switch (kind) {
            case SEND -> {
                if (isReply) {
                    at = podLabel((int) detail, at);
                    note = "the pod answers from " + p.src().withPort(p.srcPort());
                    back.add(detail >= 0 ? "Pod" : "Node");
                } else {
                    at = origin;
                    note = originToken.toLowerCase(java.util.Locale.ROOT) + " sends (first hop: "
                            + (node >= 0 ? "its node " + path.network().nodes().get(node).name() : "the internet")
                            + ")";
                }
            }
            case LOAD_BALANCER -> {
                LbListener l = path.loadBalancer().listener((int) detail);
                at = "lb " + l.hostname();
                note = (l.vipMode() ? "VIP mode: forwards with destination " + l.frontend() + " kept"
                        : "instance mode: forwards to NodeIP:" + l.nodePort()) + "; health check " + l.healthCheck()
                        + " passes on " + nodeNames(l.healthy()) + (l.externalLocal()
                        ? " (externalTrafficPolicy Local: only nodes with local ready endpoints)"
                        : " (externalTrafficPolicy Cluster: every node)") + "; node picked by 5-tuple hash"
                        + (path.loadBalancer().crossZone() ? " across zones" : " within one zone");
                if (!dnsNamedLb) {
                    there.add("Load Balancer");
                }
            }
            case LOAD_BALANCER_FLOW -> {
                at = "lb";
                note = "flow known to the LB (" + ConntrackResult.describe(detail) + "): same node as before";
            }
            case NODE -> {
                boolean nodeIp = path.network().nodeWithIp(p.dstV4()) >= 0;
                note = "arrives at " + at + (nodeIp ? " on NodeIP:NodePort" : " with the LB VIP as destination");
                there.add(nodeIp ? "Node IP:NodePort" : "Node (LB VIP)");
            }
            case CONNTRACK_HIT -> {
                note = "conntrack hit, established fast path (" + ConntrackResult.describe(detail)
                        + "): translated from the entry, no rule or map walked";
                there.add("Conntrack");
            }
            case PROXY -> {
                note = proxyNote(node, p, detail);
                there.add("Kube-proxy");
            }
            case DNAT -> {
                note = "DNAT to endpoint " + IpAddress.ofV4((int) (detail >>> 16)).withPort((int) detail & 0xFFFF)
                        + " (conntrack entry created)";
                there.add("ClusterIP");
            }
            case SNAT -> note = "masquerade: source becomes node IP " + p.src() + " with conntrack-allocated port "
                    + p.srcPort();
            case ROUTE -> note = "routed " + at + " -> " + path.network().nodes().get((int) detail).name()
                    + (isReply ? " (the reply goes back through the node that NATed it)" : " (cross-node hop)");
            case OVERLAY -> note = "VXLAN: encapsulated in UDP " + path.network().nodes().get(node).ip() + " -> "
                    + path.network().nodes().get((int) detail).ip().withPort(4789);
            case DELIVER -> {
                at = podLabel((int) detail, at);
                note = detail >= 0 ? "delivered to the pod on " + path.network().nodes().get(node).name()
                        : "accepted by the node itself";
                there.add(detail >= 0 ? "Pod" : "Node");
            }
            case DROP -> {
                note = "dropped: " + JourneyResult.Outcome.values()[(int) detail];
                there.add(JourneyResult.Outcome.values()[(int) detail].name());
            }
            case UNNAT -> {
                note = "conntrack reverses the NAT (" + ConntrackResult.describe(detail) + "): source becomes "
                        + p.src().withPort(p.srcPort());
                back.add("ClusterIP");
                if (path.network().nodeWithIp(p.srcV4()) >= 0) {
                    back.add("NodePort");
                } else if (path.loadBalancer().listenerAt(p.srcV4(), p.protocol(), p.srcPort()) >= 0) {
                    back.add("LoadBalancer");
                }
            }
            case LOAD_BALANCER_UNNAT -> {
                at = "lb";
                note = "the LB reverses its NAT (" + ConntrackResult.describe(detail) + "): source becomes "
                        + p.src().withPort(p.srcPort());
                back.add("LoadBalancer");
            }
            case RECEIVE -> {
                at = origin;
                note = detail == 1 ? "receives the reply from " + p.src().withPort(p.srcPort())
                        + ": exactly the address it dialled" : "receives a reply from " + p.src().withPort(p.srcPort())
                        + ", not the address it dialled: the connection is reset";
                back.add(detail == 1 ? originToken : originToken + " (wrong source)");
            }
            case RESOLVE -> note = "resolved";
            default -> throw new AssertionError(kind);
        }
        (isReply ? reply : request).add(new Hop(kind, at, p.toString(), note));
    }

    private String proxyNote(int node, FiveTuple p, long c) {
        ClusterNode n = path.network().nodes().get(node);
        Verdict v = Classification.verdict(c);
        StringBuilder sb = new StringBuilder(mode).append(" on ").append(n.name()).append(": ").append(v);
        if (v == Verdict.DNAT) {
            sb.append(" to ").append(n.proxier().endpoint(Classification.endpoint(c)))
                    .append(", masquerade ").append(Classification.masquerade(c) ? "yes" : "no");
        }
        Explanation e = n.proxier().explain(p);
        sb.append(" (").append(e.rulesEvaluated()).append(" rules/lookups; reachable: ")
                .append(e.endpoints().isEmpty() ? "none" : String.join(", ", e.endpoints())).append(')');
        for (String line : e.path()) {
            sb.append("\n").append(line);
        }
        return sb.toString();
    }

    private String podLabel(int pod, String fallback) {
        return pod >= 0 ? path.network().pods().get(pod).label() : fallback;
    }

    private String nodeNames(int[] nodes) {
        if (nodes.length == 0) {
            return "no node";
        }
        StringBuilder sb = new StringBuilder();
        for (int i : nodes) {
            sb.append(sb.length() == 0 ? "" : ", ").append(path.network().nodes().get(i).name());
        }
        return sb.toString();
    }

    Walk.PacketWalk result(int number, long result) {
        return new Walk.PacketWalk(number, request, reply, result, String.join(" -> ", there),
                String.join(" -> ", back));
    }
}
