package io.kpbench.cli;

import io.kpbench.common.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Ports;
import io.kpbench.net.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One packet to trace: source, destination, destination port, protocol and source port.
 *
 * @param src the source address
 * @param sport the source port
 * @param dst the destination address
 * @param dport the destination port
 * @param protocol the protocol
 */
record PacketSpec(IpAddress src, int sport, IpAddress dst, int dport, Protocol protocol) {
    /** The source port used when none is given. */
    static final int DEFAULT_SOURCE_PORT = 40000;

    /** The 5-tuple of this packet. */
    FiveTuple tuple() {
        return new FiveTuple().set(src, sport, dst, dport, protocol);
    }

    /** Builds and checks a packet from option values; {@code where} prefixes errors (an option or a file line). */
    static PacketSpec of(String where, String src, String dst, Integer dport, String proto, Integer sport) {
        if (src == null || dst == null || dport == null) {
            throw new UserError(where + "src, dst and dport are required");
        }
        IpAddress s = IpAddress.tryParse(src);
        if (s == null) {
            throw new UserError(where + "src: '" + src + "' is not a valid IP address");
        }
        IpAddress d = IpAddress.tryParse(dst);
        if (d == null) {
            throw new UserError(where + "dst: '" + dst + "' is not a valid IP address");
        }
        if (s.family() != d.family()) {
            throw new UserError(where + "src " + s + " and " + (where.equals("--") ? "--" : "") + "dst " + d
                    + " are of different IP families");
        }
        if (!Ports.valid(dport)) {
            throw new UserError(where + "dport: " + dport + " is outside 1-65535");
        }
        int sp = sport == null ? DEFAULT_SOURCE_PORT : sport;
        if (!Ports.valid(sp)) {
            throw new UserError(where + "sport: " + sp + " is outside 1-65535");
        }
        Protocol p = Protocol.parse(proto == null ? "TCP" : proto);
        if (p == null) {
            throw new UserError(where + "proto: '" + proto + "' is not TCP, UDP or SCTP");
        }
        return new PacketSpec(s, sp, d, dport, p);
    }

    /** Reads JSON lines {@code {"src":..,"dst":..,"dport":..,"proto":..,"sport":..}}; blank lines are skipped. */
    static List<PacketSpec> readFlows(String file) {
        ObjectMapper json = new ObjectMapper();
        List<PacketSpec> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ": line " + n + ": ";
                JsonNode o;
                try {
                    o = json.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UserError(where + "not a JSON object: " + jsonReason(e));
                }
                if (o == null || !o.isObject()) {
                    throw new UserError(where + "not a JSON object");
                }
                out.add(of(where, text(o, "src"), text(o, "dst"), integer(where, o, "dport"), text(o, "proto"),
                        integer(where, o, "sport")));
            }
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": cannot read: no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        return out;
    }

    /** Jackson's reason without its source-location note, and the column. */
    private static String jsonReason(com.fasterxml.jackson.core.JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
        int cut = m.indexOf(" (start marker");
        if (cut < 0) {
            cut = m.indexOf("\n");
        }
        String reason = (cut < 0 ? m : m.substring(0, cut)).strip();
        return e.getLocation() == null ? reason : reason + " at column " + e.getLocation().getColumnNr();
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(String where, JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !(v.isIntegralNumber() || v.isTextual() && v.asText().matches("\\d{1,5}"))) {
            throw new UserError(where + field + ": '" + v.asText() + "' is not a port number");
        }
        return v.asInt();
    }
}
