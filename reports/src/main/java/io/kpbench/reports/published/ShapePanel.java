package io.kpbench.reports.published;

import io.kpbench.reports.findings.Fmt;
import io.kpbench.reports.findings.Slices;
import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The "model against published measurements" panel: for each published shape statement, the published evidence,
 * the model's number and whether the shapes agree. Shapes are unit-free: the growth exponent
 * {@code ln(cost ratio) / ln(services ratio)} (1 = linear, 0 = flat) and orderings between modes.
 */
public final class ShapePanel {
    /** Shown with the panel, always. */
    public static final String CAVEAT = "This panel compares shapes (growth exponents and orderings), not absolute "
            + "times: the model is a JVM simulation of the lookup structures, the published figures are kernel "
            + "round trips measured on real clusters.";

    private ShapePanel() {
    }

    /**
     * One comparison.
     *
     * @param shape what is compared
     * @param source the published source
     * @param published the published evidence
     * @param model the model's number, or "not measured"
     * @param verdict agrees, differs, or no data
     */
    public record Row(String shape, String source, String published, String model, String verdict) {
    }

    /** The rows for a run; a row whose model data is absent says so. */
    public static List<Row> rows(ResultsFolder f) {
        List<JmhRecord> recs = Slices.firstPacket(f);
        List<Row> out = new ArrayList<>();
        double pub50 = PublishedFigures.value("IPTABLES", 30000, "p50") / PublishedFigures.value("IPTABLES", 5000, "p50");
        double pub99 = PublishedFigures.value("IPTABLES", 30000, "p99") / PublishedFigures.value("IPTABLES", 5000, "p99");
        double pubExp = exponent(pub50, 6);
        double pubExp99 = exponent(pub99, 6);
        double ipt = modelExponent(recs, "IPTABLES");
        out.add(new Row("iptables first packet grows with services", source("iptables-grows"),
                "30k/5k = " + Fmt.times(pub50) + " at p50, " + Fmt.times(pub99) + " at p99 (6× the services): growth "
                        + "exponent " + Fmt.num(pubExp) + " at p50, " + Fmt.num(pubExp99) + " at p99 (digitized figure)",
                modelText(recs, "IPTABLES", ipt),
                Double.isNaN(ipt) ? "no data" : Math.abs(ipt - pubExp) <= 0.3 ? "agrees" : "differs"));
        double nft = modelExponent(recs, "NFTABLES");
        out.add(new Row("nftables first packet is flat", source("nftables-flat"), "roughly constant (prose)",
                modelText(recs, "NFTABLES", nft), Double.isNaN(nft) ? "no data" : nft < 0.2 ? "agrees" : "differs"));
        double top = recs.stream().mapToDouble(r -> r.numParam("services")).max().orElse(Double.NaN);
        JmhRecord i = Slices.at(recs, "IPTABLES", top);
        JmhRecord n = Slices.at(recs, "NFTABLES", top);
        JmhRecord v = Slices.at(recs, "IPVS", top);
        out.add(new Row("nftables beats iptables at scale", source("nftables-beats-iptables"),
                "worst-case nftables below best-case iptables at 30,000 services (prose)",
                i == null || n == null ? "not measured" : "nftables/iptables = " + Fmt.num(ratio(n, i)) + " at "
                        + Fmt.count(top) + " services", i == null || n == null ? "no data"
                        : ratio(n, i) < 1 ? "agrees" : "differs"));
        out.add(new Row("nftables matches ipvs", source("nftables-vs-ipvs"), "same, slightly better (prose)",
                v == null || n == null ? "not measured" : "nftables/ipvs = " + Fmt.num(ratio(n, v)) + " at "
                        + Fmt.count(top) + " services", v == null || n == null ? "no data"
                        : ratio(n, v) <= 1.25 ? "agrees" : "differs"));
        return out;
    }

    /** The growth exponent between the smallest and largest service counts of {@code mode}, or NaN. */
    static double modelExponent(List<JmhRecord> recs, String mode) {
        List<JmhRecord> m = recs.stream().filter(r -> mode.equals(r.param("mode")))
                .sorted((a, b) -> Double.compare(a.numParam("services"), b.numParam("services"))).toList();
        if (m.size() < 2) {
            return Double.NaN;
        }
        JmhRecord lo = m.get(0);
        JmhRecord hi = m.get(m.size() - 1);
        return exponent(ratio(hi, lo), hi.numParam("services") / lo.numParam("services"));
    }

    private static String modelText(List<JmhRecord> recs, String mode, double exp) {
        if (Double.isNaN(exp)) {
            return "not measured";
        }
        double lo = recs.stream().filter(r -> mode.equals(r.param("mode"))).mapToDouble(r -> r.numParam("services"))
                .min().orElse(Double.NaN);
        double hi = recs.stream().filter(r -> mode.equals(r.param("mode"))).mapToDouble(r -> r.numParam("services"))
                .max().orElse(Double.NaN);
        return Fmt.count(hi / 1000) + "k/" + Fmt.count(lo / 1000) + "k = " + Fmt.times(Math.pow(hi / lo, exp))
                + " (" + Fmt.times(hi / lo) + " the services): growth exponent " + Fmt.num(exp);
    }

    private static double ratio(JmhRecord a, JmhRecord b) {
        return a.primary().score() / b.primary().score();
    }

    static double exponent(double costRatio, double servicesRatio) {
        return Math.log(costRatio) / Math.log(servicesRatio);
    }

    private static String source(String shape) {
        List<String> s = new ArrayList<>();
        for (Map<String, String> c : PublishedFigures.claims()) {
            if (shape.equals(c.get("shape"))) {
                s.add(c.get("source"));
            }
        }
        return String.join(", ", s);
    }
}
