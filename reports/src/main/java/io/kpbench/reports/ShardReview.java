package io.kpbench.reports;

import io.kpbench.reports.findings.Findings;
import io.kpbench.reports.merge.ShardMachines;
import io.kpbench.reports.published.ShapePanel;
import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.review.DesignReview;
import io.kpbench.reports.review.Floor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The report of a merged folder ({@code scripts/merge.sh}): the shards and their machines in the machine line,
 * and, when the shards ran on more than one machine, no figure that sets one machine's cells against another's.
 *
 * <p>A figure that compares cells (a finding, the floor table, the crossover, a row of the published-shape panel)
 * is computed again on each machine's part of the folder alone ({@link ShardMachines#view}); it is shown when one
 * machine's part gives the same figure, with that machine named, and otherwise replaced by "not compared:
 * different machines". The paired ratios need no check: a fork holds both arms, and a fork runs on one shard.
 * Each benchmark's table names the machine(s) its rows came from.
 */
final class ShardReview {
    /** What stands in place of a figure whose cells came from different machines. */
    static final String NOT_COMPARED = "not compared: different machines";

    private ShardReview() {
    }

    /** {@code r} with its shards named and, across machines, its cross-machine figures withheld. */
    static Report apply(Report r) {
        ResultsFolder folder = r.folder();
        ShardMachines m = ShardMachines.of(folder);
        if (!m.merged()) {
            return r;
        }
        DesignReview d = r.review();
        String machineLine = (d.machine() == null ? "" : d.machine() + " ") + m.line();
        if (m.machines().size() == 1) {
            return new Report(folder, r.charts(), r.findings(), r.panel(), r.tables(), review(d, d.crossover(),
                    machineLine), r.floor(), r.arms(), r.kernel());
        }
        List<Part> parts = new ArrayList<>();
        for (ShardMachines.Shard s : m.shards()) {
            if (parts.stream().noneMatch(p -> p.machine.equals(s.machine()))) {
                ResultsFolder view = m.view(folder, s.machine());
                if (view != null) {
                    parts.add(new Part(s.name(), s.machine(), view));
                }
            }
        }
        List<String> notes = new ArrayList<>(folder.notes());
        List<String> findings = new ArrayList<>();
        int withheld = 0;
        for (String f : r.findings()) {
            Part p = parts.stream().filter(x -> x.findings().contains(f)).findFirst().orElse(null);
            if (p == null) {
                withheld++;
            } else {
                findings.add(f + " (measured on " + p.name + ")");
            }
        }
        if (withheld > 0) {
            notes.add(withheld + " finding" + (withheld == 1 ? "" : "s") + " left out, " + NOT_COMPARED
                    + " (each would set cells of one machine against another's).");
        }
        Table floor = r.floor();
        if (floor != null) {
            Table f0 = floor;
            Part p = parts.stream().filter(x -> f0.equals(Floor.of(x.view))).findFirst().orElse(null);
            if (p == null) {
                notes.add(floor.title() + ": " + NOT_COMPARED + " (the paired arms, the memory floor and memory.csv "
                        + "did not all run on one machine).");
                floor = null;
            } else {
                floor = new Table(floor.title() + " (measured on " + p.name + ")", floor.header(), floor.rows(),
                        floor.numeric());
            }
        }
        String crossover = d.crossover();
        Part cp = parts.stream().filter(x -> Objects.equals(d.crossover(),
                DesignReview.of(x.view, List.of()).crossover())).findFirst().orElse(null);
        crossover = cp == null ? "Crossover: " + NOT_COMPARED + " (the first-packet sweep's scales ran on different "
                + "machines)." : crossover + " (measured on " + cp.name + ")";
        List<ShapePanel.Row> panel = new ArrayList<>();
        for (ShapePanel.Row row : r.panel()) {
            boolean one = parts.stream().anyMatch(x -> ShapePanel.rows(x.view).contains(row));
            panel.add(one ? row : new ShapePanel.Row(row.shape(), row.source(), row.published(), NOT_COMPARED,
                    "not compared"));
        }
        List<String> byRecord = m.recordMachines(folder);
        List<Table> tables = new ArrayList<>();
        for (Table t : r.tables()) {
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; byRecord != null && i < folder.records().size(); i++) {
                JmhRecord rec = folder.records().get(i);
                if (rec.shortName().equals(t.title())) {
                    String machine = byRecord.get(i);
                    parts.stream().filter(x -> x.machine.equals(machine)).forEach(x -> names.add(x.name));
                }
            }
            tables.add(names.isEmpty() ? t : new Table(t.title() + " (measured on " + String.join(", ", names)
                    + (names.size() > 1 ? "; " + NOT_COMPARED + " across them" : "") + ")", t.header(), t.rows(),
                    t.numeric()));
        }
        Table arms = r.arms() == null ? null : named(r.arms(), csvNames(m, parts, "arms.csv"));
        DesignReview named = d.headline() == null ? d : new DesignReview(named(d.headline(), csvNames(m, parts,
                "ratios.csv")), d.others(), d.crossover(), d.cluster(), d.machine(), d.gate(), d.firstChart(),
                d.lead(), d.noTable());
        ResultsFolder noted = new ResultsFolder(folder.dir(), folder.records(), folder.run(), folder.csv(),
                folder.spectra(), folder.flamegraphs(), List.copyOf(notes), folder.problems());
        return new Report(noted, r.charts(), findings, panel, tables, review(named, crossover, machineLine), floor,
                arms, r.kernel());
    }

    /** The short names of the machines whose shards gave rows of {@code csv}. */
    private static Set<String> csvNames(ShardMachines m, List<Part> parts, String csv) {
        Set<String> names = new LinkedHashSet<>();
        for (ShardMachines.Shard s : m.shards()) {
            Integer rows = s.csvRows().get(csv);
            if ((rows != null && rows > 0) || s.files().contains(csv)) {
                parts.stream().filter(x -> x.machine.equals(s.machine())).forEach(x -> names.add(x.name));
            }
        }
        return names;
    }

    /** {@code t} with the machines its rows came from in its title (each row compares cells of one fork). */
    private static Table named(Table t, Set<String> names) {
        return names.isEmpty() ? t : new Table(t.title() + " (measured on " + String.join(", ", names)
                + (names.size() > 1 ? "; each row within one fork, so on one machine" : "") + ")", t.header(),
                t.rows(), t.numeric());
    }

    private static DesignReview review(DesignReview d, String crossover, String machine) {
        return new DesignReview(d.headline(), d.others(), crossover, d.cluster(), machine, d.gate(), d.firstChart(),
                d.lead(), d.noTable());
    }

    /** One machine's part of the folder, and its findings (computed once). */
    private static final class Part {
        private final String name;
        private final String machine;
        private final ResultsFolder view;
        private List<String> findings;

        Part(String name, String machine, ResultsFolder view) {
            this.name = name;
            this.machine = machine;
            this.view = view;
        }

        List<String> findings() {
            if (findings == null) {
                findings = Findings.of(view);
            }
            return findings;
        }
    }
}
