package io.kpbench.proxy;

import java.util.HashMap;
import java.util.Map;

/**
 * Per frontend key (a service address, port and protocol packed into a long), how many service ports ask for it:
 * where two do, the first in compile order gets the address and the other is shadowed, so an incremental sync
 * may create or delete a key only while it is its service's alone. The control plane's own bookkeeping, as
 * kube-proxy's and Cilium's service maps keep one owner per address; not thread-safe.
 */
public final class KeyClaims {
    private Map<Long, Integer> counts = new HashMap<>();
    private final Map<Long, Integer> pending = new HashMap<>();

    /** Replaces every count with {@code next} (a full sync's) and drops what is pending. */
    public void reset(Map<Long, Integer> next) {
        counts = next;
        pending.clear();
    }

    /**
     * Notes one more ({@code d = 1}) or one fewer ({@code d = -1}) claim on {@code key}, pending until
     * {@link #commit}; true when the key then has exactly {@code expect} claimants.
     */
    public boolean claim(long key, int d, int expect) {
        int n = pending.merge(key, d, Integer::sum);
        return counts.getOrDefault(key, 0) + n == expect;
    }

    /** Applies the pending claims. */
    public void commit() {
        pending.forEach((k, d) -> {
            int n = counts.getOrDefault(k, 0) + d;
            if (n == 0) {
                counts.remove(k);
            } else {
                counts.put(k, n);
            }
        });
        pending.clear();
    }

    /** Drops the pending claims (an incremental sync that gave up). */
    public void abandon() {
        pending.clear();
    }
}
