package io.kpbench.cli;

import io.kpbench.path.Hop;
import io.kpbench.path.Walk;
import java.util.List;
import java.util.Locale;

/** The human-readable form of a {@link Walk}: numbered hops, the rule path indented, the summaries last. */
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
            sb.append(" reply:\n");
            hops(sb, p.reply());
            sb.append(" => ").append(p.outcome()).append('\n');
        }
        Walk.PacketWalk first = w.packets().get(0);
        sb.append('\n').append(first.requestSummary()).append('\n').append(first.replySummary()).append('\n');
        return sb.toString();
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
