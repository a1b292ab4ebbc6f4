package io.kpbench.cluster.manifest;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Ports;
import io.kpbench.net.Protocol;

/**
 * The field checks every converter shares: IPs, CIDRs, ports, protocols and API enums, each failing with the
 * one-line error for the field, spelled as the API server's validation would spell it.
 */
final class FieldRules {
    private FieldRules() {
    }

    /** Parses an IP address field (leading zeros in IPv4 octets are tolerated and normalised). */
    static IpAddress ip(ObjectContext ctx, String field, String text) {
        IpAddress ip = IpAddress.tryParse(text);
        if (ip == null) {
            throw ctx.error(field, quote(text) + " is not a valid IP address");
        }
        return ip;
    }

    /** Parses a CIDR field (whitespace and leading zeros tolerated, as kube-proxy does). */
    static Cidr cidr(ObjectContext ctx, String field, String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw ctx.error(field, e.getMessage());
        }
    }

    /** A required port: present and in 1..65535. */
    static int port(ObjectContext ctx, String field, Integer port) {
        if (port == null) {
            throw ctx.error(field, "is required");
        }
        if (!Ports.valid(port)) {
            throw ctx.error(field, port + " is outside the valid port range " + Ports.MIN + "-" + Ports.MAX);
        }
        return port;
    }

    /** A protocol: TCP when absent, else exactly TCP, UDP or SCTP (the API is case-sensitive). */
    static Protocol protocol(ObjectContext ctx, String field, String text) {
        if (text == null || text.isEmpty()) {
            return Protocol.TCP;
        }
        for (Protocol p : Protocol.values()) {
            if (p.name().equals(text)) {
                return p;
            }
        }
        throw ctx.error(field, "unsupported protocol " + quote(text) + " (want TCP, UDP or SCTP)");
    }

    /** The element of a list of objects, which must not be null ({@code ports: [null]}). */
    static <T> T element(ObjectContext ctx, String field, T value) {
        if (value == null) {
            throw ctx.error(field, "expected a mapping, found null");
        }
        return value;
    }

    /** The error for an enum field whose value the API does not know. */
    static RuntimeException unknown(ObjectContext ctx, String field, String text, String want) {
        return ctx.error(field, "unsupported value " + quote(text) + " (want " + want + ")");
    }

    /** A value in double quotes, as the API server quotes it. */
    static String quote(String text) {
        return text == null ? "null" : '"' + text + '"';
    }

    /** True when {@code s} is null or empty. */
    static boolean absent(String s) {
        return s == null || s.isEmpty();
    }
}
