package io.kpbench.cluster.manifest;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A canonicalizing map for the strings that repeat across objects (node names, zones, port names, namespaces,
 * label keys), so that a million endpoints share a few hundred node-name instances instead of a million copies.
 *
 * <p>Safe for the parser threads to share. It stops growing at {@value #MAX_ENTRIES} entries, after which
 * strings pass through unshared: a pool is a memory optimisation, never a leak.
 */
final class StringPool {
    static final int MAX_ENTRIES = 1 << 16;

    private final ConcurrentHashMap<String, String> pool = new ConcurrentHashMap<>(256);

    /** The shared instance equal to {@code s}; null stays null. */
    String canonical(String s) {
        if (s == null) {
            return null;
        }
        String shared = pool.get(s);
        if (shared != null) {
            return shared;
        }
        if (pool.size() >= MAX_ENTRIES) {
            return s;
        }
        shared = pool.putIfAbsent(s, s);
        return shared == null ? s : shared;
    }
}
