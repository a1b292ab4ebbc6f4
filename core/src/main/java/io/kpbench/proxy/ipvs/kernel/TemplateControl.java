package io.kpbench.proxy.ipvs.kernel;

import static io.kpbench.table.PrimitiveArrays.grow;

/**
 * Which persistence template controls which entries of a {@link ConnectionTable}, by entry index: each entry's
 * controlling template ({@code cp->control}, -1 for none), each template's count of the entries it controls
 * ({@code cp->n_control}), and a doubly linked list of those entries per template, which the kernel does not keep
 * but the table's lazy timers walk to find when a template's timer would have fired last.
 *
 * <p>Source: Linux 6.12 {@code ip_vs_control_add} / {@code ip_vs_control_del} ({@code include/net/ip_vs.h}).
 * Guarded by the connection table's monitor; the count is read by its lock-free lookups.
 */
final class TemplateControl {
    private int[] control;
    private int[] count;
    private int[] head;
    private int[] nextOf;
    private int[] prevOf;

    /** Room for entries {@code 0 .. cap-1}, keeping what is there. */
    void allocate(int cap) {
        control = grow(control, cap);
        count = grow(count, cap);
        head = grow(head, cap);
        nextOf = grow(nextOf, cap);
        prevOf = grow(prevOf, cap);
    }

    /** A new entry {@code c} controlled by {@code template} (-1: none) and controlling nothing itself. */
    void bind(int c, int template) {
        control[c] = template;
        count[c] = 0;
        head[c] = -1;
        if (template >= 0) {
            count[template]++;
            int h = head[template];
            nextOf[c] = h;
            prevOf[c] = -1;
            if (h >= 0) {
                prevOf[h] = c;
            }
            head[template] = c;
        }
    }

    /** The template controlling {@code c}, or -1. */
    int template(int c) {
        return control[c];
    }

    /** How many entries template {@code t} controls. */
    int count(int t) {
        return count[t];
    }

    /** The first entry template {@code t} controls, or -1; {@link #next} gives the rest. */
    int first(int t) {
        return head[t];
    }

    /** The entry after {@code k} in its template's list, or -1. */
    int next(int k) {
        return nextOf[k];
    }

    /** Entry {@code c} is freed: it leaves its template's list, and the entries it controlled lose their template. */
    void release(int c) {
        int t = control[c];
        if (t >= 0) {
            count[t]--;
            int p = prevOf[c];
            int n = nextOf[c];
            if (p >= 0) {
                nextOf[p] = n;
            } else {
                head[t] = n;
            }
            if (n >= 0) {
                prevOf[n] = p;
            }
        }
        for (int k = head[c]; k >= 0; k = nextOf[k]) {
            control[k] = -1;
        }
        head[c] = -1;
    }
}
