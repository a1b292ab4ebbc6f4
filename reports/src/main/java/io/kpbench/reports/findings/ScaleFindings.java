package io.kpbench.reports.findings;

import io.kpbench.reports.read.CsvTable;
import io.kpbench.reports.read.MemoryCsv;
import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.PairedCsv;
import io.kpbench.reports.read.ResultsFolder;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sentences about the control plane and scale: sync, memory, throughput, baselines, harness overhead. */
final class ScaleFindings {
    private ScaleFindings() {
    }

    private static double maxServices(List<JmhRecord> recs) {
        return recs.stream().mapToDouble(r -> r.numParam("services")).filter(Double::isFinite).max()
                .orElse(Double.NaN);
    }

    private static List<JmhRecord> atServices(List<JmhRecord> recs, double s) {
        return recs.stream().filter(r -> Double.isNaN(s) || r.numParam("services") == s).toList();
    }

    static Optional<String> sync(ResultsFolder f) {
        List<JmhRecord> full = f.bench("SyncBenchmark.fullSync");
        if (full.isEmpty()) {
            return Optional.empty();
        }
        double s = maxServices(full);
        List<JmhRecord> at = atServices(full, s).stream()
                .sorted(Comparator.comparingDouble(r -> r.primary().score())).toList();
        JmhRecord fast = at.get(0);
        JmhRecord slow = at.get(at.size() - 1);
        StringBuilder sb = new StringBuilder("A full sync of " + Fmt.count(s) + " services takes "
                + Findings.withUnit(slow.primary().score(), slow.primary().unit()) + gc(slow) + " in "
                + Fmt.mode(slow.param("mode")));
        if (fast != slow) {
            sb.append(" and ").append(Findings.withUnit(fast.primary().score(), fast.primary().unit()))
                    .append(gc(fast)).append(" in ").append(Fmt.mode(fast.param("mode")));
        }
        JmhRecord partial = Findings.byMode(atServices(f.bench("SyncBenchmark.partialSync"), s), "NFTABLES");
        if (partial != null) {
            sb.append("; a partial nftables sync after one endpoint change takes ")
                    .append(Findings.withUnit(partial.primary().score(), partial.primary().unit()));
        }
        return Optional.of(sb.append('.').toString());
    }

    /** {@code " (single shot; 125 ms GC)"}: how the figure was taken and the GC time beside it, where recorded. */
    private static String gc(JmhRecord r) {
        var g = r.secondary("gcMs");
        String shot = "ss".equals(r.mode()) ? "single shot" : "";
        String gcText = g != null && g.present() ? Fmt.num(g.score()) + " ms GC" : "";
        return shot.isEmpty() && gcText.isEmpty() ? "" : " (" + shot + (shot.isEmpty() || gcText.isEmpty() ? ""
                : "; ") + gcText + ")";
    }

    static Optional<String> memory(ResultsFolder f) {
        CsvTable t = f.table("memory.csv");
        if (t == null || t.rows().isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, String>> curve = MemoryCsv.curveRows(t);
        double s = curve.stream().mapToDouble(r -> CsvTable.num(r, "services")).filter(Double::isFinite).max()
                .orElse(Double.NaN);
        List<Map<String, String>> at = curve.stream().filter(r -> CsvTable.num(r, "services") == s)
                .sorted(Comparator.comparingDouble(r -> CsvTable.num(r, "retainedBytes"))).toList();
        if (at.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> lo = at.get(0);
        Map<String, String> hi = at.get(at.size() - 1);
        return Optional.of("At " + Fmt.count(s) + " services " + Fmt.mode(hi.get("mode")) + " retains "
                + Fmt.num(CsvTable.num(hi, "retainedBytes") / (1 << 20)) + " MiB (" + Fmt.num(CsvTable.num(hi,
                "bytesPerService")) + " bytes per service)" + (lo == hi ? "" : " and " + Fmt.mode(lo.get("mode"))
                + " " + Fmt.num(CsvTable.num(lo, "retainedBytes") / (1 << 20)) + " MiB") + ".");
    }

    /**
     * eBPF's BPF maps with Maglev by service type, from memory.csv's {@code selection=maglev} rows: Cilium keeps one
     * Maglev table per frontend (issue 17 point 7), so NodePort and LoadBalancer services cost a table per node
     * address and VIP where ClusterIP services cost none.
     */
    static Optional<String> maglevFrontends(ResultsFolder f) {
        CsvTable t = f.table("memory.csv");
        if (t == null || t.column("maglevBytes") < 0) {
            return Optional.empty();
        }
        List<Map<String, String>> rows = t.where(r -> "maglev".equals(r.get("selection")));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new java.util.ArrayList<>();
        for (Map<String, String> r : rows) {
            parts.add(r.get("type") + " " + Fmt.num(CsvTable.num(r, "bpfMapBytes") / (1 << 20)) + " MiB ("
                    + Fmt.count(CsvTable.num(r, "frontends")) + " frontends, "
                    + Fmt.num(CsvTable.num(r, "maglevBytes") / (1 << 20)) + " MiB of it Maglev tables)");
        }
        return Optional.of("eBPF with Maglev at " + Fmt.count(CsvTable.num(rows.get(0), "services"))
                + " services holds BPF maps of " + String.join(", ", parts) + ": one table of M x 4 B per "
                + "NodePort address, LB VIP and external IP, none per ClusterIP (memory.csv).");
    }

    static Optional<String> throughput(ResultsFolder f) {
        List<JmhRecord> recs = f.bench("ThroughputBenchmark.classify");
        double s = maxServices(recs);
        List<JmhRecord> at = atServices(recs, s);
        int maxThreads = at.stream().mapToInt(JmhRecord::threads).max().orElse(0);
        if (maxThreads < 2) {
            return Optional.empty();
        }
        JmhRecord best = at.stream().filter(r -> r.threads() == maxThreads)
                .max(Comparator.comparingDouble(r -> r.primary().score())).orElseThrow();
        JmhRecord one = at.stream().filter(r -> r.threads() == 1 && best.param("mode").equals(r.param("mode")))
                .findFirst().orElse(null);
        return Optional.of("With " + maxThreads + " threads " + Fmt.mode(best.param("mode")) + " classifies "
                + Findings.withUnit(best.primary().score(), best.primary().unit()) + (one == null ? "" : " ("
                + Fmt.times(best.primary().score() / one.primary().score()) + " one thread)") + " at "
                + Fmt.count(s) + " services.");
    }

    /**
     * Two threads over one from paired windows ({@code scaling.csv}), every mode with its interval, and the compute
     * probe's scaling measured in the same JVMs: {@code Two threads over one, in paired windows at 10,000 services
     * (30 rounds, 95% intervals): iptables 1.96× (1.89-2.03), ...; the machine's compute probe in the same JVMs
     * 1.92-2.07× (scaling.csv).}
     */
    static Optional<String> scaling(ResultsFolder f) {
        List<PairedCsv.Scaling> rows = PairedCsv.scalings(f);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new java.util.ArrayList<>();
        for (PairedCsv.Scaling s : rows) {
            parts.add(Fmt.mode(s.mode()) + " " + Fmt.num(s.scaling()) + "×" + (Double.isNaN(s.low()) ? ""
                    : " (" + Fmt.num(s.low()) + "-" + Fmt.num(s.high()) + ")"));
        }
        double lo = rows.stream().mapToDouble(PairedCsv.Scaling::compute).filter(Double::isFinite).min()
                .orElse(Double.NaN);
        double hi = rows.stream().mapToDouble(PairedCsv.Scaling::compute).filter(Double::isFinite).max()
                .orElse(Double.NaN);
        String probe = Double.isNaN(lo) ? "" : "; the machine's compute probe in the same JVMs "
                + (Fmt.num(lo).equals(Fmt.num(hi)) ? Fmt.num(lo) : Fmt.num(lo) + "-" + Fmt.num(hi)) + "×";
        return Optional.of("Two threads over one, in paired windows at " + Fmt.count(rows.get(0).services())
                + " services (" + rows.get(0).rounds() + " rounds, 95% intervals): " + String.join(", ", parts)
                + probe + " (scaling.csv).");
    }

    static Optional<String> baselines(ResultsFolder f) {
        List<JmhRecord> recs = f.bench("ServiceLookupBenchmark.lookup");
        double s = maxServices(recs);
        List<JmhRecord> at = atServices(recs, s);
        JmhRecord ours = at.stream().filter(r -> "KPBENCH".equals(r.param("impl"))).findFirst().orElse(null);
        if (ours == null || at.size() < 2) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("At " + Fmt.count(s) + " services the kpbench service table looks up in "
                + Findings.withUnit(ours.primary().score(), ours.primary().unit()) + ", against ");
        String sep = "";
        for (JmhRecord r : at) {
            if (r != ours) {
                sb.append(sep).append(Fmt.num(r.primary().score())).append(" for ").append(r.param("impl"));
                sep = ", ";
            }
        }
        return Optional.of(sb.append('.').toString());
    }

    static Optional<String> harness(ResultsFolder f) {
        List<JmhRecord> recs = f.bench("A0BaselineBenchmark.returnField");
        List<PairedCsv.Arm> floor = PairedCsv.arms(f).stream().filter(a -> "baseline".equals(a.arm())).toList();
        if (!floor.isEmpty()) {
            double s = floor.stream().mapToDouble(PairedCsv.Arm::services).filter(Double::isFinite).max()
                    .orElse(Double.NaN);
            StringBuilder sb = new StringBuilder("The harness floor (a no-op data plane driven through the same "
                    + "packet path) costs ");
            String sep = "";
            for (PairedCsv.Arm a : floor) {
                if (Double.isNaN(s) || a.services() == s) {
                    sb.append(sep).append(Fmt.num(a.nsPerOp())).append(" ns/op ")
                            .append(a.benchmark().substring(a.benchmark().lastIndexOf('.') + 1));
                    sep = " and ";
                }
            }
            sb.append(Double.isNaN(s) ? "" : " at " + Fmt.count(s) + " services").append(" (paired arms)");
            if (!recs.isEmpty()) {
                sb.append("; A0BaselineBenchmark.returnField's ").append(Findings.withUnit(recs.get(0).primary()
                        .score(), recs.get(0).primary().unit())).append(" is JMH's own floor, not the packet path's");
            }
            return Optional.of(sb.append('.').toString());
        }
        if (recs.isEmpty()) {
            return Optional.empty();
        }
        JmhRecord r = recs.get(0);
        return Optional.of("The harness itself costs " + Findings.withUnit(r.primary().score(), r.primary().unit())
                + " (A0BaselineBenchmark.returnField); smaller differences are noise.");
    }
}
