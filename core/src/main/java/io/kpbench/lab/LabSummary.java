package io.kpbench.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The derived figures of a lab run: for each iptables back end the nanoseconds per KUBE-SERVICES rule (a linear
 * fit of added first-packet latency against the rules before the target, with R²), beside the model's; and the
 * iptables/nftables ratio of added latency at each N and position, beside the model's ratio of classify time.
 */
final class LabSummary {
    private LabSummary() {
    }

    static String text(List<LabRow> rows) {
        StringBuilder sb = new StringBuilder();
        Set<String> backends = new LinkedHashSet<>();
        rows.forEach(r -> backends.add(r.backend()));
        for (String b : backends) {
            List<LabRow> rs = rows.stream().filter(r -> r.backend().equals(b)).toList();
            double[] x = rs.stream().mapToDouble(LabRow::rulesBefore).toArray();
            LinearFit kernel = LinearFit.of(x, rs.stream().mapToDouble(r -> r.addedP50Us() * 1000).toArray());
            LinearFit model = LinearFit.of(x, rs.stream().mapToDouble(LabRow::modelNs).toArray());
            sb.append(String.format(Locale.ROOT, "%s: kernel %.2f ns/rule (R2 %.3f, intercept %.1f us); "
                    + "model %.2f ns/rule (R2 %.3f)%n", b, kernel.slope(), kernel.r2(), kernel.intercept() / 1000,
                    model.slope(), model.r2()));
        }
        if (backends.contains("nftables")) {
            sb.append("ratio of added first-packet p50 to nftables's (kernel | model classify ns):\n");
            for (LabRow r : rows) {
                if (r.backend().equals("nftables")) {
                    continue;
                }
                LabRow nft = find(rows, "nftables", r.services(), r.position());
                if (nft != null) {
                    sb.append(String.format(Locale.ROOT, "  %s N=%d %s: added %.1f us vs %.1f us -> %.2f | %.2f%n",
                            r.backend(), r.services(), r.position(), r.addedP50Us(), nft.addedP50Us(),
                            r.addedP50Us() / nft.addedP50Us(), r.modelNs() / nft.modelNs()));
                }
            }
        }
        return sb.toString();
    }

    private static LabRow find(List<LabRow> rows, String backend, int n, String position) {
        List<LabRow> hit = new ArrayList<>();
        for (LabRow r : rows) {
            if (r.backend().equals(backend) && r.services() == n && r.position().equals(position)) {
                hit.add(r);
            }
        }
        return hit.isEmpty() ? null : hit.get(0);
    }
}
