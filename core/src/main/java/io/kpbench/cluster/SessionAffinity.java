package io.kpbench.cluster;

/** {@code spec.sessionAffinity}: None, or ClientIP with a timeout (default 10800 s, at most 86400 s). */
public enum SessionAffinity {
    None,
    ClientIP;

    /** The API default for {@code sessionAffinityConfig.clientIP.timeoutSeconds}. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10800;
    /** The API maximum for the timeout. */
    public static final int MAX_TIMEOUT_SECONDS = 86400;

    /** Parses the API spelling; null when unknown. */
    public static SessionAffinity fromApi(String s) {
        for (SessionAffinity t : values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
