package io.kpbench.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link CapacityPlan} as the text of {@code kpbench plan}: a header naming the cluster and the
 * assumptions, then per mode a table of limits (in use, limit, headroom, the count at each growth factor with
 * {@code !} past the limit, the source), a table of sizes, the notes, and the first limit hit at each factor.
 */
public final class PlanText {
    private PlanText() {
    }

    /** The plan as text, ending in a newline. */
    public static String render(CapacityPlan p) {
        StringBuilder sb = new StringBuilder();
        sb.append("cluster: ").append(p.services()).append(" services, ").append(p.endpoints())
                .append(" endpoints, ").append(p.nodes()).append(" nodes; proxier on node ").append(p.node())
                .append(" (").append(p.family()).append(")\n");
        sb.append("node: ").append(p.options().cores()).append(" cores, nf_conntrack_max ").append(p.conntrackMax())
                .append("; new connections: ").append(p.options().newConnectionsPerSecond() == null ? "not given"
                        : num(p.options().newConnectionsPerSecond()) + "/s").append('\n');
        sb.append("growth: count at xN = empty + N x (cluster - empty); new connections grow with the cluster; "
                + "! marks a count past its limit\n");
        List<Integer> scales = p.options().scales();
        for (ModePlan m : p.modes()) {
            sb.append('\n').append(m.mode().cliName()).append('\n');
            List<String[]> rows = new ArrayList<>();
            List<String> head = new ArrayList<>(List.of("  LIMIT", "IN USE", "LIMIT", "HEADROOM"));
            scales.stream().filter(s -> s != 1).forEach(s -> head.add("x" + s));
            head.add("SOURCE");
            rows.add(head.toArray(String[]::new));
            for (Metric r : m.limits()) {
                List<String> row = new ArrayList<>(List.of("  " + r.name(), mark(r, 1), num(r.limit()),
                        num(r.headroom(1))));
                scales.stream().filter(s -> s != 1).forEach(s -> row.add(mark(r, s)));
                row.add(r.source());
                rows.add(row.toArray(String[]::new));
            }
            table(sb, rows);
            rows.clear();
            List<String> sizeHead = new ArrayList<>(List.of("  SIZE", "UNIT"));
            scales.forEach(s -> sizeHead.add("x" + s));
            sizeHead.add("SOURCE");
            rows.add(sizeHead.toArray(String[]::new));
            for (Metric r : m.sizes()) {
                List<String> row = new ArrayList<>(List.of("  " + r.name(), r.unit()));
                scales.forEach(s -> row.add(num(r.at(s))));
                row.add(r.source());
                rows.add(row.toArray(String[]::new));
            }
            if (rows.size() > 1) {
                table(sb, rows);
            }
            for (String n : m.notes()) {
                sb.append("  ").append(n).append('\n');
            }
            sb.append("  first limit hit:\n");
            for (int s : scales) {
                sb.append("    x").append(s).append(": ").append(first(m, s)).append('\n');
            }
        }
        return sb.toString();
    }

    /** What {@code m} hits first at ×{@code s}: the limit past its ceiling, or none and the closest one. */
    static String first(ModePlan m, int s) {
        Metric f = m.first(s);
        if (f == null) {
            return "none";
        }
        String pct = String.format(Locale.ROOT, "%.0f%%", 100 * f.use(s));
        return f.exceeded(s) ? f.name() + " exceeded (" + num(f.at(s)) + " > " + num(f.limit()) + ")"
                : "none (closest: " + f.name() + " " + pct + ")";
    }

    private static String mark(Metric r, int s) {
        return num(r.at(s)) + (r.exceeded(s) ? "!" : "");
    }

    /** An integer without decimals, anything else with two. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String cell = r[i];
                if (i == 0 || i == cols - 1) {
                    line.append(cell).append(i == cols - 1 ? "" : " ".repeat(width[i] - cell.length()));
                } else {
                    line.append("  ").append(" ".repeat(width[i] - cell.length())).append(cell);
                }
                if (i == cols - 2) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
