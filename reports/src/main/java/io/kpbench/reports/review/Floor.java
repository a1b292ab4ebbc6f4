package io.kpbench.reports.review;

import io.kpbench.reports.Table;
import io.kpbench.reports.chart.AxisLabels;
import io.kpbench.reports.chart.FloorCharts;
import io.kpbench.reports.read.CsvTable;
import io.kpbench.reports.read.MemoryCsv;
import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.PairedCsv;
import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each mode's dependent first packet (arms.csv, {@code firstPacket.dependent}) as a multiple of the hardware floor
 * at the size of its tables: the table size is the mode's retained bytes (memory.csv) at the same services count,
 * the floor is one dependent load ({@code MemoryFloorBenchmark.chase}) at that working set; both are interpolated
 * log-log between measured points, never extrapolated.
 */
public final class Floor {
    static final String DEPENDENT = "firstPacket.dependent";
    private static final List<String> HEADER = List.of("mode", "services", "dependent first packet (ns)",
            "tables (retained)", "floor at that size (ns)", "multiple of the floor");

    private Floor() {
    }

    /** The table, or null when the run has neither dependent arms nor floor records. */
    public static Table of(ResultsFolder f) {
        List<PairedCsv.Arm> arms = PairedCsv.arms(f).stream().filter(a -> DEPENDENT.equals(a.benchmark())
                && !"baseline".equals(a.arm()) && !"established".equals(a.arm())).toList();
        TreeMap<Double, Double> floor = new TreeMap<>();
        for (JmhRecord r : f.bench(FloorCharts.FLOOR)) {
            double b = r.numParam("bytes");
            if (b > 0 && r.primary().score() > 0) {
                floor.put(b, r.primary().score());
            }
        }
        if (arms.isEmpty()) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        for (PairedCsv.Arm a : arms) {
            double services = a.services();
            double bytes = tableBytes(f, a.arm(), services);
            double fl = Double.isFinite(bytes) ? interpolate(floor, bytes) : Double.NaN;
            rows.add(List.of(a.arm(), Labels.services(services, a.params()), Labels.sig3(a.nsPerOp()),
                    Double.isFinite(bytes) ? AxisLabels.bytes(bytes) : "no memory figure",
                    Double.isFinite(fl) ? Labels.sig3(fl) : floor.isEmpty() ? "no floor measured"
                            : Double.isFinite(bytes) ? "outside the measured floor" : "–",
                    Double.isFinite(fl) ? String.format(Locale.ROOT, "%.1f×", a.nsPerOp() / fl) : "–"));
        }
        return new Table("Against the hardware floor", HEADER, rows, List.of(false, true, true, true, true, true));
    }

    /** The mode's retained bytes at {@code services} from memory.csv (smallest endpoint count), or NaN. */
    static double tableBytes(ResultsFolder f, String mode, double services) {
        CsvTable t = f.table("memory.csv");
        if (t == null || t.column("retainedBytes") < 0 || !Double.isFinite(services)) {
            return Double.NaN;
        }
        List<Map<String, String>> rows = MemoryCsv.curveRows(t).stream()
                .filter(r -> mode.equalsIgnoreCase(r.get("mode"))).toList();
        double endpoints = rows.stream().mapToDouble(r -> CsvTable.num(r, "endpoints")).filter(Double::isFinite)
                .min().orElse(Double.NaN);
        TreeMap<Double, Double> curve = new TreeMap<>();
        for (Map<String, String> r : rows) {
            double e = CsvTable.num(r, "endpoints");
            if (Double.isNaN(endpoints) || e == endpoints) {
                double s = CsvTable.num(r, "services");
                double b = CsvTable.num(r, "retainedBytes");
                if (s > 0 && b > 0) {
                    curve.put(s, b);
                }
            }
        }
        return interpolate(curve, services);
    }

    /** {@code y(x)} on a log-log line between the measured points that bracket {@code x}; NaN outside them. */
    static double interpolate(TreeMap<Double, Double> points, double x) {
        Map.Entry<Double, Double> lo = points.floorEntry(x);
        Map.Entry<Double, Double> hi = points.ceilingEntry(x);
        if (lo == null || hi == null) {
            return Double.NaN;
        }
        if (lo.getKey().equals(hi.getKey())) {
            return lo.getValue();
        }
        double t = (Math.log(x) - Math.log(lo.getKey())) / (Math.log(hi.getKey()) - Math.log(lo.getKey()));
        return Math.exp(Math.log(lo.getValue()) + t * (Math.log(hi.getValue()) - Math.log(lo.getValue())));
    }
}
