package io.kpbench.reports.compare;

import io.kpbench.reports.read.JmhRecord;
import java.util.Comparator;
import java.util.Map;

/**
 * The order of a comparison's rows: by benchmark and JMH mode, then by each parameter in the benchmark's own order
 * with numbers compared as numbers (1000, 10000, 30000, 100000, not 1000, 10000, 100000, 30000), then by threads.
 */
final class RowOrder implements Comparator<Comparison.Row> {
    /** The one instance. */
    static final RowOrder INSTANCE = new RowOrder();

    private RowOrder() {
    }

    @Override
    public int compare(Comparison.Row x, Comparison.Row y) {
        JmhRecord a = x.record();
        JmhRecord b = y.record();
        int c = a.shortName().compareTo(b.shortName());
        if (c == 0) {
            c = a.mode().compareTo(b.mode());
        }
        for (Map.Entry<String, String> p : a.params().entrySet()) {
            if (c != 0) {
                return c;
            }
            c = value(p.getValue(), b.params().get(p.getKey()));
        }
        if (c == 0) {
            c = Integer.compare(a.params().size(), b.params().size());
        }
        return c != 0 ? c : Integer.compare(a.threads(), b.threads());
    }

    /** Numbers before words, numbers by value, words alphabetically; a missing value first. */
    static int value(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        double x = number(a);
        double y = number(b);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            int c = Double.compare(x, y);
            return c != 0 ? c : a.compareTo(b);
        }
        if (Double.isNaN(x) != Double.isNaN(y)) {
            return Double.isNaN(x) ? 1 : -1;
        }
        return a.compareTo(b);
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
