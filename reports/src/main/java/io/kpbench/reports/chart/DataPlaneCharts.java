package io.kpbench.reports.chart;

import io.kpbench.reports.read.JmhRecord;
import io.kpbench.reports.read.ResultsFolder;
import io.kpbench.reports.read.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Charts 1–4 of the report: the per-packet cost of each proxy mode (first packet vs services, first packet vs
 * established, rules walked per packet, whole journey per service type).
 */
final class DataPlaneCharts {
    static final String FIRST = "FirstPacketClassifyBenchmark.classify";
    static final String FIRST_DEPENDENT = "FirstPacketClassifyBenchmark.classifyDependent";
    static final String ESTABLISHED = "EstablishedPacketBenchmark.lookup";
    static final List<String> JOURNEYS = List.of("clusterIP", "nodePort", "loadBalancer");

    private DataPlaneCharts() {
    }

    /** The traffic shape the first-packet charts use: UNIFORM when the run has it. */
    static String traffic(List<JmhRecord> recs) {
        List<String> t = Build.values(recs, "traffic");
        return t.isEmpty() ? null : t.contains("UNIFORM") ? "UNIFORM" : t.get(0);
    }

    /** Records of the first-packet benchmark at the chosen traffic shape. */
    static List<JmhRecord> firstPacket(ResultsFolder f) {
        List<JmhRecord> all = f.bench(FIRST);
        String t = traffic(all);
        return t == null ? all : f.bench(FIRST, r -> t.equals(r.param("traffic")));
    }

    /**
     * Chart 1: first-packet classify vs services, one chart per endpoint count; where the run has the dependent
     * variant ({@code classifyDependent}: latency per packet) it is drawn dashed beside the independent one.
     */
    static List<ChartSpec> firstPacketVsServices(ResultsFolder f) {
        List<JmhRecord> recs = firstPacket(f);
        String t = traffic(recs);
        List<JmhRecord> dependent = f.bench(FIRST_DEPENDENT, r -> t == null || t.equals(r.param("traffic")));
        List<ChartSpec> out = new ArrayList<>();
        for (String e : Build.values(recs, "endpoints")) {
            List<JmhRecord> facet = recs.stream().filter(r -> e.equals(r.param("endpoints"))).toList();
            List<ChartSpec.Series> s = new ArrayList<>(Build.lines(facet, r -> r.param("mode"),
                    r -> r.numParam("services"), JmhRecord::primary));
            List<JmhRecord> dep = dependent.stream().filter(r -> e.equals(r.param("endpoints"))).toList();
            s.addAll(Build.variant(Build.lines(dep, r -> r.param("mode"), r -> r.numParam("services"),
                    JmhRecord::primary), " dependent", true));
            out.add(Build.xy("first-packet-e" + e, "First-packet classify vs services (endpoints per service: " + e + ")",
                    "services (count)", "time per first packet (" + Build.unit(facet) + ")", s,
                    "Traffic " + t + (dep.isEmpty() ? "" : "; solid: independent packets (throughput per packet), "
                            + "dashed: dependent packets (latency per packet)") + "; error bars are JMH's 99.9% "
                            + "score error."));
        }
        return out;
    }

    /** Chart 2: first-packet vs established-packet cost per mode. */
    static List<ChartSpec> firstVsEstablished(ResultsFolder f) {
        List<JmhRecord> first = firstPacket(f);
        List<JmhRecord> est = f.bench(ESTABLISHED);
        if (first.isEmpty() || est.isEmpty()) {
            return List.of();
        }
        double services = Build.max(first, "services");
        String endpoints = Build.values(first, "endpoints").get(0);
        double flows = Build.max(est, "flows");
        Map<String, Map<String, Score>> m = Build.barMap();
        List<String> cats = List.of("first packet", "established packet");
        for (JmhRecord r : first) {
            if (r.numParam("services") == services && endpoints.equals(r.param("endpoints"))) {
                m.computeIfAbsent(String.valueOf(r.param("mode")), k -> new java.util.HashMap<>()).put(cats.get(0), r.primary());
            }
        }
        for (JmhRecord r : est) {
            if (r.numParam("flows") == flows || Double.isNaN(flows)) {
                m.computeIfAbsent(String.valueOf(r.param("mode")), k -> new java.util.HashMap<>()).put(cats.get(1), r.primary());
            }
        }
        return List.of(Build.bars("first-vs-established", "First packet vs established packet, per mode",
                "packet", "time per packet (" + Build.unit(first) + ")", cats, Build.barSeries(m, cats),
                "First packet at " + Build.n(services) + " services, " + endpoints
                        + " endpoints; established packet at " + Build.n(flows) + " tracked flows."));
    }

    /** Chart 3: rules evaluated per first packet vs services (the iptables linear walk). */
    static List<ChartSpec> rulesPerPacket(ResultsFolder f) {
        List<JmhRecord> all = f.bench(FIRST, r -> r.secondary("rulesPerPacket") != null);
        if (all.isEmpty()) {
            return List.of();
        }
        String e = Build.values(all, "endpoints").get(0);
        List<JmhRecord> recs = all.stream().filter(r -> e.equals(r.param("endpoints"))).toList();
        boolean both = Build.values(recs, "traffic").size() > 1;
        List<ChartSpec.Series> s = new ArrayList<>();
        for (String t : both ? Build.values(recs, "traffic") : List.of("")) {
            List<JmhRecord> sub = recs.stream().filter(r -> t.isEmpty() || t.equals(r.param("traffic"))).toList();
            List<ChartSpec.Series> lines = Build.lines(sub, r -> r.param("mode"), r -> r.numParam("services"),
                    r -> r.secondary("rulesPerPacket"));
            s.addAll(t.isEmpty() ? lines : Build.variant(lines, " " + t.toLowerCase(java.util.Locale.ROOT),
                    !"UNIFORM".equals(t)));
        }
        return List.of(Build.xy("rules-per-packet", "Rules evaluated per first packet vs services", "services (count)",
                "rules evaluated per packet (count)", s, endpoints(e) + "iptables walks KUBE-SERVICES rule by rule; "
                        + "map-based modes stay flat."));
    }

    /** Chart 4: whole-journey cost per mode and service type, at the largest service count. */
    static List<ChartSpec> journey(ResultsFolder f) {
        List<JmhRecord> all = new ArrayList<>();
        for (String j : JOURNEYS) {
            all.addAll(f.bench("JourneyBenchmark." + j));
        }
        if (all.isEmpty()) {
            return List.of();
        }
        double services = Build.max(all, "services");
        Map<String, Map<String, Score>> m = Build.barMap();
        for (JmhRecord r : all) {
            if (r.numParam("services") == services || Double.isNaN(services)) {
                String method = r.shortName().substring(r.shortName().indexOf('.') + 1);
                m.computeIfAbsent(String.valueOf(r.param("mode")), k -> new java.util.HashMap<>()).put(method, r.primary());
            }
        }
        return List.of(Build.bars("journey", "Whole packet journey per mode and service type", "service type",
                "time per journey (" + Build.unit(all) + ")", JOURNEYS, Build.barSeries(m, JOURNEYS),
                "At " + Build.n(services) + " services."));
    }

    private static String endpoints(String e) {
        return e + " endpoints per service; ";
    }
}
