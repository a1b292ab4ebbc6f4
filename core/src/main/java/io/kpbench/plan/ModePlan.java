package io.kpbench.plan;

import io.kpbench.proxy.ProxyMode;
import java.util.List;

/**
 * One proxy mode's plan: its limit rows, its size rows and a note on its memory.
 *
 * @param mode the mode
 * @param limits the rows with a ceiling
 * @param sizes the rows without one
 * @param notes lines printed under the table (what was not checked, and why)
 */
public record ModePlan(ProxyMode mode, List<Metric> limits, List<Metric> sizes, List<String> notes) {
    /** Copies the lists. */
    public ModePlan {
        limits = List.copyOf(limits);
        sizes = List.copyOf(sizes);
        notes = List.copyOf(notes);
    }

    /**
     * The limit closest to (or furthest past) its ceiling at ×{@code factor}: the first this cluster hits as it
     * grows; null when the mode has no limit rows.
     */
    public Metric first(int factor) {
        Metric best = null;
        for (Metric m : limits) {
            if (best == null || m.use(factor) > best.use(factor)) {
                best = m;
            }
        }
        return best;
    }

    /** The limit row whose name starts with {@code prefix}. */
    public Metric limit(String prefix) {
        for (Metric m : limits) {
            if (m.name().startsWith(prefix)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no limit " + prefix + " in " + mode.cliName());
    }

    /** The size row whose name starts with {@code prefix}. */
    public Metric size(String prefix) {
        for (Metric m : sizes) {
            if (m.name().startsWith(prefix)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no size " + prefix + " in " + mode.cliName());
    }

    /** True when some limit is over its ceiling at ×{@code factor}. */
    public boolean exceeded(int factor) {
        Metric f = first(factor);
        return f != null && f.exceeded(factor);
    }
}
