package io.kpbench.reports.findings;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.PairedCsv;
import io.kpbench.reports.read.PercentileSpectrum;
import io.kpbench.reports.read.ResultsFolder;
import java.util.List;
import java.util.Optional;

/** Sentences about per-packet cost: first packet across modes, growth with services, rules walked, latency. */
final class DataPlaneFindings {
    static final String FIRST = "FirstPacketClassifyBenchmark.classify";

    private DataPlaneFindings() {
    }

    /**
     * First-packet records at one traffic shape (UNIFORM when present) and one endpoint count (the smallest),
     * so that modes are compared like for like.
     */
    static List<JmhRecord> firstPacket(ResultsFolder f) {
        List<JmhRecord> all = f.bench(FIRST);
        if (all.isEmpty()) {
            return all;
        }
        boolean uniform = all.stream().anyMatch(r -> "UNIFORM".equals(r.param("traffic")));
        String traffic = uniform ? "UNIFORM" : all.get(0).param("traffic");
        double endpoints = all.stream().mapToDouble(r -> r.numParam("endpoints")).filter(Double::isFinite).min()
                .orElse(Double.NaN);
        return all.stream()
                .filter(r -> traffic == null || traffic.equals(r.param("traffic")))
                .filter(r -> Double.isNaN(endpoints) || r.numParam("endpoints") == endpoints)
                .toList();
    }

    /** The records of {@code mode} at {@code services}. */
    static JmhRecord at(List<JmhRecord> recs, String mode, double services) {
        return recs.stream().filter(r -> mode.equalsIgnoreCase(r.param("mode")) && r.numParam("services") == services)
                .findFirst().orElse(null);
    }

    /** The largest service count at which both modes have a result, or NaN. */
    static double largestCommon(List<JmhRecord> recs, String a, String b) {
        return recs.stream().filter(r -> a.equalsIgnoreCase(r.param("mode"))).mapToDouble(r -> r.numParam("services"))
                .filter(s -> at(recs, b, s) != null).max().orElse(Double.NaN);
    }

    static Optional<String> iptablesVsNftables(ResultsFolder f) {
        Optional<String> paired = pairedIptablesVsNftables(f);
        if (paired.isPresent()) {
            return paired;
        }
        List<JmhRecord> recs = firstPacket(f);
        double s = largestCommon(recs, "IPTABLES", "NFTABLES");
        if (Double.isNaN(s)) {
            return Optional.empty();
        }
        double ratio = at(recs, "IPTABLES", s).primary().score() / at(recs, "NFTABLES", s).primary().score();
        return Optional.of("At " + Fmt.count(s) + " services an iptables first packet costs " + Fmt.times(ratio)
                + " an nftables one in this model.");
    }

    /**
     * The paired ratio (ratios.csv) at the largest services count that has one, dependent variant first: a ratio of
     * adjacent measurements in one JVM, with its 95% interval over forks.
     */
    static Optional<String> pairedIptablesVsNftables(ResultsFolder f) {
        List<PairedCsv.Ratio> rows = PairedCsv.ratios(f).stream().filter(r -> "iptables".equals(r.numerator())
                && "nftables".equals(r.denominator()) && Double.isFinite(r.services())).toList();
        double s = rows.stream().mapToDouble(PairedCsv.Ratio::services).max().orElse(Double.NaN);
        if (Double.isNaN(s)) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("At " + Fmt.count(s) + " services an iptables first packet costs ");
        String sep = "";
        for (String variant : List.of("dependent", "independent")) {
            for (PairedCsv.Ratio r : rows) {
                if (r.services() == s && r.benchmark().equals("firstPacket." + variant)) {
                    sb.append(sep).append(Fmt.num(r.median())).append("× (95% interval ").append(Fmt.num(r.low()))
                            .append("–").append(Fmt.num(r.high())).append(", ").append(r.forks())
                            .append(" paired forks) an nftables one ").append(variant.equals("dependent")
                            ? "in latency per packet" : "in throughput per packet");
                    sep = ", and ";
                }
            }
        }
        return sep.isEmpty() ? Optional.empty() : Optional.of(sb.append(" in this model.").toString());
    }

    static Optional<String> firstPacketGrowth(ResultsFolder f) {
        List<JmhRecord> ipt = firstPacket(f).stream().filter(r -> "IPTABLES".equalsIgnoreCase(r.param("mode")))
                .sorted((a, b) -> Double.compare(a.numParam("services"), b.numParam("services"))).toList();
        if (ipt.size() < 2) {
            return Optional.empty();
        }
        JmhRecord lo = ipt.get(0);
        JmhRecord hi = ipt.get(ipt.size() - 1);
        double growth = hi.primary().score() / lo.primary().score();
        StringBuilder sb = new StringBuilder("From " + Fmt.count(lo.numParam("services")) + " to "
                + Fmt.count(hi.numParam("services")) + " services (" + Fmt.times(hi.numParam("services")
                / lo.numParam("services")) + " more) the iptables first packet grows " + Fmt.times(growth));
        List<JmhRecord> recs = firstPacket(f);
        JmhRecord nlo = at(recs, "NFTABLES", lo.numParam("services"));
        JmhRecord nhi = at(recs, "NFTABLES", hi.numParam("services"));
        if (nlo != null && nhi != null) {
            sb.append("; nftables grows ").append(Fmt.times(nhi.primary().score() / nlo.primary().score()));
        }
        return Optional.of(sb.append('.').toString());
    }

    static Optional<String> rulesWalked(ResultsFolder f) {
        List<JmhRecord> recs = firstPacket(f).stream().filter(r -> r.secondary("rulesPerPacket") != null
                && r.secondary("rulesPerPacket").present()).toList();
        double s = recs.stream().filter(r -> "IPTABLES".equalsIgnoreCase(r.param("mode")))
                .mapToDouble(r -> r.numParam("services")).max().orElse(Double.NaN);
        if (Double.isNaN(s)) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("At " + Fmt.count(s) + " services an iptables first packet walks "
                + Fmt.num(at(recs, "IPTABLES", s).secondary("rulesPerPacket").score()) + " rules on average");
        JmhRecord nft = at(recs, "NFTABLES", s);
        if (nft != null) {
            sb.append("; nftables evaluates ").append(Fmt.num(nft.secondary("rulesPerPacket").score()));
        }
        return Optional.of(sb.append('.').toString());
    }

    static Optional<String> established(ResultsFolder f) {
        List<JmhRecord> est = f.bench("EstablishedPacketBenchmark.lookup");
        if (est.isEmpty()) {
            return Optional.empty();
        }
        double lo = est.stream().mapToDouble(r -> r.primary().score()).min().orElse(Double.NaN);
        double hi = est.stream().mapToDouble(r -> r.primary().score()).max().orElse(Double.NaN);
        String unit = est.get(0).primary().unit();
        StringBuilder sb = new StringBuilder("An established packet (a conntrack hit) costs " + Fmt.num(lo)
                + (hi > lo * 1.05 ? "–" + Fmt.num(hi) : "") + " " + unit + " across modes");
        List<JmhRecord> first = firstPacket(f);
        double s = first.stream().filter(r -> "IPTABLES".equalsIgnoreCase(r.param("mode")))
                .mapToDouble(r -> r.numParam("services")).max().orElse(Double.NaN);
        if (!Double.isNaN(s)) {
            sb.append(", against ").append(Findings.withUnit(at(first, "IPTABLES", s).primary().score(),
                    at(first, "IPTABLES", s).primary().unit())).append(" for an iptables first packet at ")
                    .append(Fmt.count(s)).append(" services");
        }
        return Optional.of(sb.append('.').append(chains(est)).toString());
    }

    /**
     * How conntrack's chained table grows (issue 17 point 1): at the fewest and the most tracked flows measured,
     * the chain nodes a hit visits and the cost, with the ratio; empty without the secondary or two flow counts.
     */
    static String chains(List<JmhRecord> est) {
        List<JmhRecord> counted = est.stream().filter(r -> r.secondary("chainNodesPerLookup") != null
                && r.secondary("chainNodesPerLookup").present()
                && Double.isFinite(r.numParam("flows"))).sorted(java.util.Comparator.comparingDouble(
                        r -> r.numParam("flows"))).toList();
        if (counted.size() < 2) {
            return "";
        }
        JmhRecord few = counted.get(0);
        JmhRecord many = counted.get(counted.size() - 1);
        if (few.numParam("flows") == many.numParam("flows")) {
            return "";
        }
        return " Conntrack is a chained hash, as in the kernel: a hit visits " + Fmt.num(few.secondary(
                "chainNodesPerLookup").score()) + " chain nodes at " + Fmt.count(few.numParam("flows"))
                + " flows and " + Fmt.num(many.secondary("chainNodesPerLookup").score()) + " at "
                + Fmt.count(many.numParam("flows")) + ", and costs " + Fmt.num(many.primary().score() / few.primary()
                .score()) + "x as much there (" + Fmt.num(few.primary().score()) + " against " + Fmt.num(
                many.primary().score()) + " " + few.primary().unit() + ").";
    }

    static Optional<String> latencyTail(ResultsFolder f) {
        PercentileSpectrum ipt = null;
        PercentileSpectrum nft = null;
        for (PercentileSpectrum s : f.spectra()) {
            if (s.mode().equals("IPTABLES") && ipt == null) {
                ipt = s;
            }
        }
        if (ipt == null) {
            return Optional.empty();
        }
        for (PercentileSpectrum s : f.spectra()) {
            if (s.mode().equals("NFTABLES") && s.scenario().equals(ipt.scenario())) {
                nft = s;
            }
        }
        String sb = "Open-loop p99.9 latency" + (ipt.scenario().isEmpty() ? "" : " (" + ipt.scenario() + ")")
                + " is " + Fmt.num(ipt.valueAt(0.999)) + " µs for iptables"
                + (nft == null ? "" : " and " + Fmt.num(nft.valueAt(0.999)) + " µs for nftables") + ".";
        return Optional.of(sb);
    }
}
