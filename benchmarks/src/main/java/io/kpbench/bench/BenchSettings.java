package io.kpbench.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code -Dbench.*} options of a benchmark run, each with a default.
 *
 * @param profile {@code -Dbench.profile=quick|full|smoke} (quick)
 * @param include {@code -Dbench.include=REGEX}, the benchmarks to run (all)
 * @param params {@code -Dbench.params=name=v1,v2;name2=v3}, overriding the profile's values
 * @param profiler {@code -Dbench.profiler=gc|async|none} (none)
 * @param out {@code -Dbench.out=DIR}, where run folders are created ({@code results})
 * @param asyncLib the path of {@code libasyncProfiler.so}, set by the Maven profile
 * @param shard {@code -Dbench.shard=I/N}, the part of the profile this run holds ({@link Shard}; 1/1, the whole)
 */
public record BenchSettings(BenchProfile profile, String include, Map<String, List<String>> params,
        String profiler, Path out, String asyncLib, Shard shard) {
    /** The settings of a whole (unsharded) run. */
    public BenchSettings(BenchProfile profile, String include, Map<String, List<String>> params, String profiler,
            Path out, String asyncLib) {
        this(profile, include, params, profiler, out, asyncLib, Shard.WHOLE);
    }

    /** Reads the settings from system properties; throws {@link IllegalArgumentException} with a one-line reason. */
    public static BenchSettings fromSystemProperties() {
        BenchProfile profile = BenchProfile.parse(prop("bench.profile", "quick"));
        String include = prop("bench.include", ".*");
        try {
            java.util.regex.Pattern.compile(include);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("-Dbench.include=" + include + ": not a regular expression: "
                    + e.getDescription());
        }
        Map<String, List<String>> params = parseParams(prop("bench.params", ""));
        String profiler = prop("bench.profiler", "none");
        if (!List.of("none", "gc", "async").contains(profiler)) {
            throw new IllegalArgumentException("-Dbench.profiler=" + profiler + ": unknown (valid: none, gc, async)");
        }
        Shard shard = Shard.parse(prop("bench.shard", "1/1"));
        return new BenchSettings(profile, include, params, profiler, Path.of(prop("bench.out", "results")),
                prop("bench.asyncLib", ""), shard);
    }

    /** Parses {@code name=v1,v2;name2=v3}. */
    static Map<String, List<String>> parseParams(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text.isBlank()) {
            return out;
        }
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("-Dbench.params: '" + part + "' is not name=v1,v2");
            }
            out.put(part.substring(0, eq).trim(), List.of(part.substring(eq + 1).trim().split("\\s*,\\s*")));
        }
        return out;
    }

    /** A {@code -D} property, or {@code def} when unset, blank or an unexpanded Maven {@code ${...}}. */
    static String prop(String name, String def) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() || v.startsWith("${") ? def : v.trim();
    }
}
