package io.kpbench.reports.review;

import io.kpbench.reports.Table;
import io.kpbench.reports.chart.ChartSpec;
import io.kpbench.reports.read.PairedCsv;
import io.kpbench.reports.read.ResultsFolder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The first screen of a report, "For the design review": the headline paired ratios ({@code ratios.csv}: the
 * geometric mean over forks of each fork's median pair ratio, with a 95% t-interval on the log ratios), the other
 * ratios, where the modes cross over, and the first-packet chart; then the cluster and the machine in one line each,
 * and the probe gate. A run on a given cluster ({@code -Dbench.cluster}) names it first instead ({@link #lead}): the
 * reader's own cluster is the subject of the whole screen, and its headline rows are its own scales.
 *
 * @param headline the headline ratios, or null when the run has no ratios.csv
 * @param others the other rows of ratios.csv (empty rows when none), or null with {@code headline}
 * @param crossover where iptables and nftables first packets cross over, one sentence
 * @param cluster what the run measured, one line, or null without run.json
 * @param machine the machine, one line, or null without run.json
 * @param gate how many paired forks the probe gate flagged, one line
 * @param firstChart the id of the first-packet chart shown on the first screen, or null
 * @param lead the given cluster's line, shown under the heading, or null for a synthetic run (then {@code cluster}
 *     follows the table)
 * @param noTable the line in place of the table when {@code headline} is null ({@link #NO_PAIRED}, or a damaged
 *     ratios.csv), else null
 */
public record DesignReview(Table headline, Table others, String crossover, String cluster, String machine,
        String gate, String firstChart, String lead, String noTable) {
    /** The line in place of the ratio table when the run has no paired measurement. */
    public static final String NO_PAIRED = "No paired measurement in this run (no ratios.csv).";
    /** The line in place of the ratio table when ratios.csv is damaged (read with {@code --partial}). */
    public static final String DAMAGED = "The paired ratios cannot be shown: ratios.csv is damaged (see Missing or "
            + "incomplete).";
    /** What the intervals of the table are, under it. */
    public static final String INTERVAL_NOTE = "Ratio: geometric mean over paired forks of each fork's median pair "
            + "ratio (adjacent iterations of the two arms in one JVM); interval: 95% t-interval over forks on the "
            + "log ratios, never JMH's 99.9% iteration error. It covers this run's forks, not a drift of the host "
            + "that lasts the whole run: to hold a figure across runs, pool several with scripts/pool.sh (the run "
            + "as the unit).";
    private static final List<String> HEADER = List.of("ratio", "variant", "services", "median", "95% interval",
            "forks");
    private static final List<Boolean> NUMERIC = List.of(false, false, true, true, true, true);
    private static final List<String> OVER_NFTABLES = List.of("iptables", "ipvs", "ebpf");
    private static final List<String> OVER_ESTABLISHED = List.of("nftables", "iptables", "ipvs", "ebpf",
            "userspace");
    private static final List<String> VARIANTS = List.of("firstPacket.independent", "firstPacket.dependent");
    /** The headline services counts of a synthetic run. */
    private static final List<Double> SYNTHETIC = List.of(10_000.0, 30_000.0);

    /** The lead of {@code f}'s report; {@code charts} are the report's charts (the first-packet one is picked). */
    public static DesignReview of(ResultsFolder f, List<ChartSpec> charts) {
        List<PairedCsv.Ratio> all = PairedCsv.ratios(f);
        List<Double> headlineServices = headlineServices(f);
        Table headline = null;
        Table others = null;
        if (f.table(PairedCsv.RATIOS) != null) {
            List<PairedCsv.Ratio> head = all.stream().filter(r -> rank(r, headlineServices) >= 0)
                    .sorted(Comparator.comparingInt(r -> rank(r, headlineServices))).toList();
            List<PairedCsv.Ratio> rest = all.stream().filter(r -> rank(r, headlineServices) < 0).toList();
            // a run measured at other scales than the headline's (smoke: 100 services) leads with what it has
            headline = table("For the design review", head.isEmpty() ? rest : head);
            others = table("Other paired ratios", head.isEmpty() ? List.of() : rest);
        }
        String first = charts.stream().map(ChartSpec::id).filter(id -> id.startsWith("first-packet-e")).findFirst()
                .orElse(null);
        boolean damaged = f.problems().stream().anyMatch(p -> p.file().getFileName() != null
                && p.file().getFileName().toString().equals(PairedCsv.RATIOS));
        String cluster = Machine.cluster(f);
        String lead = Machine.given(f) ? cluster : null;
        return new DesignReview(headline, others, Crossover.sentence(f), lead == null ? cluster : null,
                Machine.machine(f), Machine.gate(f), first, lead, headline != null ? null : damaged ? DAMAGED
                        : NO_PAIRED);
    }

    /** The place of {@code r} among the headline rows of {@code f}'s report (see {@link #rank}), or -1. */
    public static int headlineRank(ResultsFolder f, PairedCsv.Ratio r) {
        return rank(r, headlineServices(f));
    }

    /** 10k and 30k for a synthetic run, every scale of a given cluster. */
    private static List<Double> headlineServices(ResultsFolder f) {
        List<Double> scales = Machine.clusterServices(f);
        return scales.isEmpty() ? SYNTHETIC : scales;
    }

    /**
     * The place of a headline row, or -1 for any other row: iptables, ipvs, ebpf over nftables (both variants, at
     * each of {@code services}: 10k and 30k for a synthetic run, every scale of a given cluster), then each mode
     * over established at the largest of them, nftables first.
     */
    static int rank(PairedCsv.Ratio r, List<Double> services) {
        int variant = VARIANTS.indexOf(r.benchmark());
        int at = services.indexOf(r.services());
        if (variant < 0 || at < 0) {
            return -1;
        }
        int num = OVER_NFTABLES.indexOf(r.numerator());
        if ("nftables".equals(r.denominator()) && num >= 0) {
            return (num * 10 + variant) * services.size() + at;
        }
        int est = OVER_ESTABLISHED.indexOf(r.numerator());
        if ("established".equals(r.denominator()) && est >= 0 && at == services.size() - 1) {
            return 100_000 + est * 10 + variant;
        }
        return -1;
    }

    private static Table table(String title, List<PairedCsv.Ratio> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (PairedCsv.Ratio r : rows) {
            cells.add(List.of(r.numerator() + " / " + r.denominator(), Labels.variant(r.benchmark()),
                    Labels.services(r.services(), r.params()), Labels.sig3(r.median()) + "×",
                    Labels.interval(r.median(), r.low(), r.high()), Integer.toString(r.forks())));
        }
        return new Table(title, HEADER, cells, NUMERIC);
    }
}
