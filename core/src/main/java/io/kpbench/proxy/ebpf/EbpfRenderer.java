package io.kpbench.proxy.ebpf;

import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of the {@code ebpf} mode: {@link EbpfTables} as {@code cilium-dbg bpf lb list} prints the service map
 * ({@code cilium-dbg/cmd/bpf_lb_list.go}): a {@code SERVICE ADDRESS} column and a
 * {@code BACKEND ADDRESS (REVNAT_ID) (SLOT)} column, the master entry first ({@code 0.0.0.0:0 (rev) (0) [flags]}),
 * then one line per slot ({@code ip:port/PROTO (rev) (slot)}). Frontends are sorted by address text (the real
 * tool prints hash order); internal-scope entries carry Cilium's {@code /i} suffix. The flag words follow
 * Cilium's {@code ServiceFlags} spelling as far as known ({@code ClusterIP}, {@code NodePort}, {@code ExternalIPs},
 * {@code LoadBalancer}, {@code Local}, {@code InternalLocal}, {@code sessionAffinity}, {@code check source-range},
 * {@code non-routable}, {@code two-scopes}). With {@link EbpfConfig#dropVirtualIPTraffic}, the wildcard entries
 * show as Cilium 1.19 prints them: {@code vip:0/ANY} with a master of rev-NAT 0, count 0 and the type plus
 * {@code non-routable}.
 */
final class EbpfRenderer {
    static final String SERVICE_TITLE = "SERVICE ADDRESS";
    static final String BACKEND_TITLE = "BACKEND ADDRESS (REVNAT_ID) (SLOT)";

    private EbpfRenderer() {
    }

    static String render(EbpfTables m) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (int fe : m.liveFrontends()) {
            List<String> lines = new ArrayList<>();
            String any = m.v4 ? "0.0.0.0:0" : "[::]:0";
            lines.add(any + " (" + m.revNat[fe] + ") (0) [" + flags(m.flags[fe]) + "]");
            for (int s = 0; s < m.count[fe]; s++) {
                int id = m.slots[m.slotStart[fe] + s];
                lines.add(m.beText[id] + " (" + m.revNat[fe] + ") (" + (s + 1) + ")");
            }
            rows.put(frontend(m, fe), lines);
        }
        for (IpAddress ip : m.wildcardAddresses) {
            String any = m.v4 ? "0.0.0.0:0" : "[::]:0";
            rows.put(ip.withPort(0) + "/ANY", List.of(any + " (0) (0) [" + flags((int) m.wildcards.get(ip.hi(),
                    ip.lo())) + "]"));
        }
        int width = SERVICE_TITLE.length();
        for (String k : rows.keySet()) {
            width = Math.max(width, k.length());
        }
        width += 3;
        StringBuilder out = new StringBuilder();
        out.append(pad(SERVICE_TITLE, width)).append(BACKEND_TITLE).append('\n');
        for (Map.Entry<String, List<String>> e : rows.entrySet()) {
            boolean first = true;
            for (String line : e.getValue()) {
                out.append(pad(first ? e.getKey() : "", width)).append(line).append('\n');
                first = false;
            }
        }
        return out.toString();
    }

    /** {@code ip:port/PROTO}, with {@code /i} for the internal scope. */
    static String frontend(EbpfTables m, int fe) {
        Protocol p = Protocol.ofNumber(m.feProto[fe]);
        return new IpAddress(m.feHi[fe], m.feLo[fe]).withPort(m.fePort[fe]) + "/"
                + (p == null ? String.valueOf(m.feProto[fe]) : p.name())
                + ((m.flags[fe] & EbpfTables.SCOPE_INTERNAL) != 0 ? "/i" : "");
    }

    /** The flag words of a master entry. */
    static String flags(int f) {
        List<String> w = new ArrayList<>();
        add(w, f, EbpfTables.CLUSTER_IP, "ClusterIP");
        add(w, f, EbpfTables.NODE_PORT, "NodePort");
        add(w, f, EbpfTables.EXTERNAL_IPS, "ExternalIPs");
        add(w, f, EbpfTables.LOAD_BALANCER, "LoadBalancer");
        add(w, f, EbpfTables.LOCAL, "Local");
        add(w, f, EbpfTables.INTERNAL_LOCAL, "InternalLocal");
        add(w, f, EbpfTables.AFFINITY, "sessionAffinity");
        add(w, f, EbpfTables.SOURCE_RANGE, "check source-range");
        add(w, f, EbpfTables.NON_ROUTABLE, "non-routable");
        add(w, f, EbpfTables.TWO_SCOPES, "two-scopes");
        return String.join(", ", w);
    }

    private static void add(List<String> words, int flags, int bit, String word) {
        if ((flags & bit) != 0) {
            words.add(word);
        }
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(width).append(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }
}
