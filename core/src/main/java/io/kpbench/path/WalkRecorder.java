package io.kpbench.path;

import io.kpbench.conntrack.ConntrackResult;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.Classification;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link HopSink} that turns the engine's primitive hops into {@link Hop} text and the {@link WalkSummary}
 * lines of the hops taken; for the CLI only.
 */
final class WalkRecorder implements HopSink {
    private final PacketPath path;
    private final AddressKinds kinds;
    private final String mode;
    private final String origin;
    private final String originToken;
    private final List<Hop> request = new ArrayList<>();
    private final List<Hop> reply = new ArrayList<>();
    private final WalkSummary summary;
    private IpAddress dialled;

    /** A recorder of one packet of a walk through {@code cluster} from {@code origin}. */
    WalkRecorder(ClusterPath cluster, String origin, String dnsToken) {
        this.path = cluster.engine();
        this.kinds = cluster.kinds();
        this.mode = cluster.mode();
        this.origin = origin;
        this.originToken = WalkSummary.originToken(origin);
        this.summary = new WalkSummary(mode);
        summary.request(originToken);
        if (dnsToken != null) {
            summary.request(dnsToken);
        }
    }

    @Override
    public void hop(HopKind kind, boolean isReply, int node, FiveTuple p, long detail) {
        String at = node >= 0 ? nodeName(node) : origin;
        String note;
        switch (kind) {
            case SEND -> {
                if (isReply) {
                    at = podLabel((int) detail, at);
                    note = "the pod answers from " + p.src().withPort(p.srcPort());
                    summary.reply(detail >= 0 ? "Pod " + pod((int) detail).ref() : "Node " + at);
                } else {
                    at = origin;
                    dialled = p.dst();
                    note = originToken.split(" ")[0].toLowerCase(Locale.ROOT) + " sends (first hop: "
                            + (node >= 0 ? "its node " + nodeName(node) : "the internet") + ")";
                }
            }
            case LOAD_BALANCER -> {
                LbListener l = path.loadBalancer().listener((int) detail);
                at = "lb " + l.name();
                note = (l.vipMode() ? "VIP mode: forwards with destination " + l.frontend() + " kept"
                        : "instance mode: forwards to NodeIP:" + l.nodePort()) + "; health check " + l.healthCheck()
                        + " passes on " + nodeNames(l.healthy()) + (l.externalLocal()
                        ? " (externalTrafficPolicy Local: only nodes with local ready endpoints)"
                        : " (externalTrafficPolicy Cluster: every node)") + "; node picked by 5-tuple hash"
                        + (path.loadBalancer().crossZone() ? " across zones" : " within one zone");
                summary.request("Cloud LB");
            }
            case LOAD_BALANCER_FLOW -> {
                at = "lb";
                note = "flow known to the LB (" + ConntrackResult.describe(detail) + "): same node as before";
            }
            case CLOUD_NAT -> {
                at = "cloud NAT";
                ClusterNode n = path.network().nodes().get((int) detail);
                note = isReply ? "the provider's 1:1 NAT: source " + n.ip() + " (" + n.name()
                        + "'s InternalIP) becomes the ExternalIP " + p.src()
                        : "the provider's 1:1 NAT: " + n.name() + "'s ExternalIP " + dialled + " becomes its InternalIP "
                        + p.dst()
                        + " (the node has only its InternalIP on its interface)";
                if (isReply) {
                    summary.reply("Cloud NAT (src " + p.src().withPort(p.srcPort()) + ")");
                } else {
                    summary.request("Cloud NAT");
                }
            }
            case NODE -> {
                String k = kinds.of(p.dst(), p.dstPort(), p.protocol());
                note = "arrives at " + at + " with destination " + p.dst().withPort(p.dstPort())
                        + (k == null ? "" : " (" + k + ")");
                summary.request("Node " + at + (k == null ? "" : " (" + k + ")"));
            }
            case CONNTRACK_HIT -> {
                note = "conntrack hit, established fast path (" + ConntrackResult.describe(detail)
                        + "): translated from the entry, no rule or map walked";
                summary.request("conntrack (established)");
            }
            case PROXY -> {
                note = proxyNote(node, p, detail);
                summary.proxy(kinds.of(p.dst(), p.dstPort(), p.protocol()), detail);
            }
            case DNAT -> note = "DNAT to endpoint " + p.dst().withPort(p.dstPort()) + " (conntrack entry created)";
            case SNAT -> {
                note = "masquerade: source becomes node IP " + p.src() + " with conntrack-allocated port "
                        + p.srcPort();
                summary.masquerade();
            }
            case ROUTE -> {
                String to = nodeName((int) detail);
                note = "routed " + at + " -> " + to
                        + (isReply ? " (the reply goes back through the node that NATed it)" : " (cross-node hop)");
                summary.route(isReply, to);
            }
            case OVERLAY -> {
                note = "VXLAN: encapsulated in UDP " + underlay(node) + " -> "
                        + underlay((int) detail).withPort(4789);
                summary.overlay();
            }
            case DELIVER -> {
                at = podLabel((int) detail, at);
                note = detail >= 0 ? "delivered to the pod on " + nodeName(node)
                        : "for the node itself: no proxy rule took it (the node's own socket answers, if any)";
                summary.request(detail >= 0 ? "Pod " + pod((int) detail).ref() : "Node " + at + " (itself)");
            }
            case DROP -> {
                note = "dropped: " + JourneyResult.Outcome.values()[(int) detail];
                summary.request(JourneyResult.Outcome.values()[(int) detail].name());
            }
            case UNNAT -> {
                note = "conntrack reverses the NAT (" + ConntrackResult.describe(detail) + "): source becomes "
                        + p.src().withPort(p.srcPort());
                summary.reply("conntrack on " + at + " (src " + p.src().withPort(p.srcPort()) + ")");
            }
            case LOAD_BALANCER_UNNAT -> {
                at = "lb";
                note = "the LB reverses its NAT (" + ConntrackResult.describe(detail) + "): source becomes "
                        + p.src().withPort(p.srcPort());
                summary.reply("Cloud LB (src " + p.src().withPort(p.srcPort()) + ")");
            }
            case RECEIVE -> {
                at = origin;
                note = detail == 1 ? "receives the reply from " + p.src().withPort(p.srcPort())
                        + ": exactly the address it dialled" : "receives a reply from " + p.src().withPort(p.srcPort())
                        + ", not the address it dialled: the connection is reset";
                summary.reply(detail == 1 ? originToken : originToken + " (wrong source: reset)");
            }
            case RESOLVE -> note = "resolved";
            default -> throw new AssertionError(kind);
        }
        (isReply ? reply : request).add(new Hop(kind, at, p.toString(), note));
    }

    private String proxyNote(int node, FiveTuple p, long c) {
        ClusterNode n = path.network().nodes().get(node);
        DataPlane d = n.proxier(p);
        Verdict v = Classification.verdict(c);
        StringBuilder sb = new StringBuilder(mode).append(p.isV4() ? "" : " (IPv6)").append(" on ").append(n.name())
                .append(": ").append(v);
        if (d == null) {
            return sb.append(" (the node has no address of this family: no proxier)").toString();
        }
        if (v == Verdict.DNAT) {
            sb.append(" to ").append(d.endpoint(Classification.endpoint(c)))
                    .append(", masquerade ").append(Classification.masquerade(c) ? "yes" : "no");
        }
        Explanation e = d.explain(p);
        sb.append(" (").append(e.rulesEvaluated()).append(" rules/lookups; reachable: ")
                .append(e.endpoints().isEmpty() ? "none" : String.join(", ", e.endpoints())).append(')');
        for (String line : e.path()) {
            sb.append("\n").append(line);
        }
        return sb.toString();
    }

    private String nodeName(int node) {
        return path.network().nodes().get(node).name();
    }

    private IpAddress underlay(int node) {
        ClusterNode n = path.network().nodes().get(node);
        return n.ip() != null ? n.ip() : n.ip6();
    }

    private Pod pod(int index) {
        return path.network().pods().get(index);
    }

    private String podLabel(int pod, String fallback) {
        return pod >= 0 ? pod(pod).label() : fallback;
    }

    private String nodeNames(int[] nodes) {
        if (nodes.length == 0) {
            return "no node";
        }
        StringBuilder sb = new StringBuilder();
        for (int i : nodes) {
            sb.append(sb.length() == 0 ? "" : ", ").append(nodeName(i));
        }
        return sb.toString();
    }

    Walk.PacketWalk result(int number, long result) {
        return new Walk.PacketWalk(number, request, reply, result, summary.request(), summary.reply());
    }
}
