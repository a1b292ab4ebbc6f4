package io.kpbench.proxy.userspace;

import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of the {@code userspace} mode: its portals and round-robin state, one service port per line, as
 * {@code ns/web/TCP portals [10.96.0.10:80/TCP] rr next 0 [10.244.2.1:8080, ...] affinity 10800s} (the
 * original proxier printed no such list; this is the state {@code iptables-save}'s {@code KUBE-PORTALS-*}
 * rules and {@code LoadBalancerRR} held between them).
 */
final class UserspaceRenderer {
    private UserspaceRenderer() {
    }

    /** The text of {@code t}'s service ports {@code rows} (the live ones, in compile order). */
    static String render(UserspaceTables t, int[] rows) {
        Map<String, List<String>> portals = new TreeMap<>();
        for (int fe = 0; fe < t.frontends; fe++) {
            String name = t.spName[t.feServicePort[fe]];
            if (name != null) {
                portals.computeIfAbsent(name, k -> new ArrayList<>()).add(portal(t, fe));
            }
        }
        StringBuilder out = new StringBuilder("# userspace proxy: KUBE-PORTALS-* redirect to one proxy socket per "
                + "service port; LoadBalancerRR\n");
        for (int sp : rows) {
            out.append(t.spName[sp]).append(" portals ").append(portals.getOrDefault(t.spName[sp], List.of()))
                    .append(" rr next ").append(t.nextIndex(sp)).append(' ').append(rotation(t, sp));
            if (t.affinityTimeoutNanos[sp] > 0) {
                out.append(" affinity ").append(t.affinityTimeoutNanos[sp] / 1_000_000_000L).append('s');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The endpoints of service port {@code name} ({@code ns/svc[:port]/PROTO}) in round-robin order. */
    static List<String> rotation(UserspaceTables t, String name) {
        for (int sp = 0; sp < t.servicePorts; sp++) {
            if (name.equals(t.spName[sp])) {
                return rotation(t, sp);
            }
        }
        return List.of();
    }

    /** The endpoint texts of service port {@code sp} in round-robin order. */
    static List<String> rotation(UserspaceTables t, int sp) {
        List<String> out = new ArrayList<>();
        long range = t.epRange[sp];
        for (int k = 0; k < UserspaceTables.count(range); k++) {
            out.add(t.epText[t.endpoints[UserspaceTables.start(range) + k]]);
        }
        return out;
    }

    /** {@code ip:port/PROTO} of portal {@code fe}. */
    static String portal(UserspaceTables t, int fe) {
        Protocol proto = Protocol.ofNumber(t.feProto[fe]);
        return new IpAddress(t.feHi[fe], t.feLo[fe]).withPort(t.fePort[fe]) + "/"
                + (proto == null ? String.valueOf(t.feProto[fe]) : proto.name());
    }
}
