package io.kpbench.cli;

import io.kpbench.path.Hop;
import io.kpbench.path.JourneyResult;
import io.kpbench.path.Walk;
import java.util.List;
import java.util.Locale;

/**
 * The human-readable form of a {@link Walk}: numbered hops, the rule path indented, the summaries last. An endpoint
 * outside the cluster ({@link JourneyResult#OFF_CLUSTER}) is named after the request's hops and in the summaries.
 */
final class WalkText {
    private WalkText() {
    }

    static String human(Walk w) {
        StringBuilder sb = new StringBuilder();
        sb.append("walk ").append(w.from()).append(" -> ").append(w.to()).append("  (mode ").append(w.mode())
                .append(")\n");
        if (!w.dns().isEmpty()) {
            sb.append("dns:\n");
            hops(sb, w.dns());
        }
        for (Walk.PacketWalk p : w.packets()) {
            sb.append("packet ").append(p.number()).append(p.number() == 1 ? " (new connection)" : "")
                    .append(p.fastPath() ? " [conntrack fast path]" : "").append(":\n");
            sb.append(" request:\n");
            hops(sb, p.request());
            String host = offClusterHost(p);
            if (host != null) {
                Hop last = p.request().get(p.request().size() - 1);
                sb.append("      -> ").append(host).append(": routed out of ").append(last.at())
                        .append(" through its default route; the host answers\n");
            }
            sb.append(" reply:\n");
            hops(sb, p.reply());
            sb.append(" => ").append(p.outcome()).append('\n');
        }
        Walk.PacketWalk first = w.packets().get(0);
        String host = offClusterHost(first);
        sb.append('\n').append(first.requestSummary()).append(host == null ? "" : " -> " + host).append('\n')
                .append(host == null ? "" : host.substring(0, host.indexOf(" (")) + " -> ")
                .append(first.replySummary()).append('\n');
        return sb.toString();
    }

    /**
     * {@code Host 192.168.160.5 (outside the cluster: no pod or node has this address)} when the packet's endpoint
     * was outside the cluster (the destination of its last request hop), else null.
     */
    static String offClusterHost(Walk.PacketWalk p) {
        if (!JourneyResult.has(p.result(), JourneyResult.OFF_CLUSTER) || p.request().isEmpty()) {
            return null;
        }
        String packet = p.request().get(p.request().size() - 1).packet();
        String dst = packet.substring(packet.lastIndexOf(" -> ") + 4);
        String ip = dst.startsWith("[") ? dst.substring(1, dst.indexOf(']')) : dst.substring(0, dst.lastIndexOf(':'));
        return "Host " + ip + " (outside the cluster: no pod or node has this address)";
    }

    private static void hops(StringBuilder sb, List<Hop> hops) {
        int i = 1;
        for (Hop h : hops) {
            String[] lines = h.note().split("\n");
            sb.append(String.format(Locale.ROOT, "  %2d. %-19s %-28s %s%n     %s%n", i++,
                    h.kind().name().toLowerCase(Locale.ROOT), h.at(), h.packet(), lines[0]));
            for (int k = 1; k < lines.length; k++) {
                sb.append("       ").append(lines[k]).append('\n');
            }
        }
    }
}
