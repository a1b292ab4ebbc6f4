package io.kpbench.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -Dbench.shard=I/N}: this run is shard {@code index} of {@code count}, a deterministic 1/N of the profile's
 * work ({@link ShardPlan} deals the comparison groups, {@link Experiments} the experiments that are not JMH).
 * {@code 1/1}, the default, is the whole run. The idea is Kubernetes' Indexed Job (one completion index a pod), with
 * 1-based indexes as the option reads.
 *
 * @param index this shard, 1-based
 * @param count the number of shards, at least 1
 */
public record Shard(int index, int count) {
    /** The whole run: one shard of one. */
    public static final Shard WHOLE = new Shard(1, 1);
    private static final Pattern FORM = Pattern.compile("(\\d{1,4})/(\\d{1,4})");

    /** Checks {@code 1 <= index <= count}. */
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("-Dbench.shard=" + index + "/" + count + ": I/N with 1 <= I <= N "
                    + "expected (e.g. 2/4)");
        }
    }

    /** Parses {@code I/N}; an {@link IllegalArgumentException} with one line when it is anything else. */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        int index = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        int count = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        if (index < 1 || count < 1 || index > count) {
            throw new IllegalArgumentException("-Dbench.shard=" + text + ": I/N with 1 <= I <= N expected (e.g. 2/4)");
        }
        return new Shard(index, count);
    }

    /** True for the whole run ({@code 1/1}). */
    public boolean whole() {
        return count == 1;
    }

    /**
     * True when the unit at {@code ordinal} (0-based, in a stable order) is this shard's: ordinals are dealt
     * round-robin, 0 to shard 1, 1 to shard 2, and so on.
     */
    public boolean owns(int ordinal) {
        return ordinal % count == index - 1;
    }

    /** What run.json records: {@code {"index": I, "count": N}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("count", count);
        return m;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
