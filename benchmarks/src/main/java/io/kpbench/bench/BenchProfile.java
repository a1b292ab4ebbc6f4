package io.kpbench.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The three sweeps {@code -Dbench.profile} selects: {@code smoke} (every benchmark once at its smallest
 * parameters, run by {@code mvn verify}), {@code quick} (the default, about 15 minutes on 2 cores) and
 * {@code full} (the whole sweep). Each is a list of {@link BenchPass}es over common parameter values (see
 * {@link ProfilePasses}).
 *
 * <p>The parameter values override the {@code @Param} defaults of every benchmark that declares a parameter
 * of that name; JMH ignores names a benchmark does not declare.
 */
public enum BenchProfile {
    SMOKE(1, 1, 100, 1, 100, List.of("-Xms768m", "-Xmx768m", "-XX:+UseParallelGC"), Map.of(
            "services", List.of("100"),
            "endpoints", List.of("1"),
            "flows", List.of("10000"),
            "traffic", List.of("UNIFORM"))),
    QUICK(1, 2, 1000, 3, 1000, BenchMain.FORK_JVM_ARGS, Map.of(
            "endpoints", List.of("10"),
            "flows", List.of("10000", "1000000"),
            "traffic", List.of("UNIFORM"))),
    FULL(2, 3, 1000, 5, 1000, BenchMain.FORK_JVM_ARGS, Map.of());

    private final int forks;
    private final int warmupIterations;
    private final int warmupMillis;
    private final int measurementIterations;
    private final int measurementMillis;
    private final List<String> jvmArgs;
    private final Map<String, List<String>> params;

    BenchProfile(int forks, int warmupIterations, int warmupMillis, int measurementIterations,
            int measurementMillis, List<String> jvmArgs, Map<String, List<String>> params) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
        this.jvmArgs = jvmArgs;
        this.params = params;
    }

    /** Forked JVMs per benchmark (never 0: one JVM would pollute the type profile across modes). */
    public int forks() {
        return forks;
    }

    /** Warmup iterations. */
    public int warmupIterations() {
        return warmupIterations;
    }

    /** Warmup iteration length in ms. */
    public int warmupMillis() {
        return warmupMillis;
    }

    /** Measurement iterations. */
    public int measurementIterations() {
        return measurementIterations;
    }

    /** Measurement iteration length in ms. */
    public int measurementMillis() {
        return measurementMillis;
    }

    /** The forked JVMs' heap flags (smoke uses a small, untouched heap so that its ~30 forks start fast). */
    public List<String> jvmArgs() {
        return jvmArgs;
    }

    /** Parameter values common to every pass, by name in a stable order; empty for {@code full}. */
    public Map<String, List<String>> params() {
        return new TreeMap<>(params);
    }

    /** The JMH runs of this sweep. */
    public List<BenchPass> passes() {
        return ProfilePasses.of(this);
    }

    /** The lower-case name. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code smoke|quick|full}. */
    public static BenchProfile parse(String s) {
        for (BenchProfile p : values()) {
            if (p.cliName().equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("-Dbench.profile=" + s + ": unknown profile (valid: smoke, quick, full)");
    }
}
