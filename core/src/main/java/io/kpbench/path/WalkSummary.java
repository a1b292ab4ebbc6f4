package io.kpbench.path;

import io.kpbench.proxy.Classification;
import io.kpbench.proxy.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The two summary lines of one packet of a walk, built from the hops the packet actually took: each hop names
 * the component it passed, with what it did in brackets. For example, a NodePort reached through an instance-mode
 * LB in ebpf mode with the endpoint on another node:
 * <pre>
 *   Client -> Public DNS (A) -> Cloud LB -> Node node-a (NodePort) -> eBPF LB map (NodePort: DNAT+SNAT)
 *       -> Node node-b -> Pod default/pod-10-244-2-7
 *   Pod default/pod-10-244-2-7 -> Node node-a -> conntrack on node-a (src 192.168.49.2:30443)
 *       -> Cloud LB (src 198.18.0.10:80) -> Client
 * </pre>
 * The proxier is named by its mechanism: {@code kube-proxy iptables|nftables|IPVS|userspace}, and for ebpf, which
 * replaces kube-proxy, {@code eBPF LB map}.
 */
final class WalkSummary {
    private final List<String> there = new ArrayList<>();
    private final List<String> back = new ArrayList<>();
    private final String modeToken;
    private int proxyAt = -1;
    private String proxyPrefix;
    private boolean vxlan;

    WalkSummary(String mode) {
        this.modeToken = modeToken(mode);
    }

    /** The proxier's name in the summary, for a mode's CLI name. */
    static String modeToken(String mode) {
        return switch (mode) {
            case "iptables" -> "kube-proxy iptables";
            case "nftables" -> "kube-proxy nftables";
            case "ipvs" -> "kube-proxy IPVS";
            case "userspace" -> "kube-proxy userspace";
            case "ebpf" -> "eBPF LB map";
            default -> mode;
        };
    }

    /** The originator, e.g. {@code Client}, {@code Pod default/client-node-a}, {@code Node node-a}. */
    static String originToken(String origin) {
        if (origin.startsWith("pod/")) {
            return "Pod " + origin.substring(4);
        }
        return origin.startsWith("node/") ? "Node " + origin.substring(5) : "Client";
    }

    void request(String token) {
        there.add(token);
    }

    void reply(String token) {
        back.add(token);
    }

    /** A proxier classified the packet; {@code kind} is the destination's {@link AddressKinds kind} or null. */
    void proxy(String kind, long classification) {
        proxyPrefix = modeToken + " (" + (kind == null ? "" : kind + ": ");
        proxyAt = there.size();
        Verdict v = Classification.verdict(classification);
        there.add(proxyPrefix + (v == Verdict.NONE ? "no rule" : v.name()) + ")");
    }

    /** The proxier's DNAT was followed by its masquerade. */
    void masquerade() {
        if (proxyAt >= 0) {
            there.set(proxyAt, proxyPrefix + "DNAT+SNAT)");
        }
    }

    /** An overlay hop: the next route is encapsulated. */
    void overlay() {
        vxlan = true;
    }

    /** Routed to {@code node}, on the request or the reply. */
    void route(boolean reply, String node) {
        String t = "Node " + node + (vxlan ? " (VXLAN)" : "");
        vxlan = false;
        (reply ? back : there).add(t);
    }

    String request() {
        return String.join(" -> ", there);
    }

    String reply() {
        return String.join(" -> ", back);
    }
}
