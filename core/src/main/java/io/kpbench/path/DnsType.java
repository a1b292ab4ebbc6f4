package io.kpbench.path;

import java.util.Locale;

/** The DNS record types the model answers. */
public enum DnsType {
    A,
    AAAA,
    SRV,
    CNAME;

    /** Parses a type name (case-insensitive); null when unknown. */
    public static DnsType parse(String s) {
        for (DnsType t : values()) {
            if (t.name().equals(s.trim().toUpperCase(Locale.ROOT))) {
                return t;
            }
        }
        return null;
    }
}
