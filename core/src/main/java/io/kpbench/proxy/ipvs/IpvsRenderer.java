package io.kpbench.proxy.ipvs;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ipvs.companion.CompanionRulesText;
import io.kpbench.proxy.ipvs.companion.IpSets;
import io.kpbench.proxy.ipvs.kernel.AddressBook;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.ServiceKey;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders an IPVS proxier as its tools print it: {@code ipvsadm -Ln}, {@code ipset list} and the
 * {@code iptables-restore} input kube-proxy writes each sync, for either family.
 *
 * <p>Sources: ipvsadm {@code ipvsadm.c} ({@code print_title}, {@code print_service_entry}: services and
 * destinations sorted unless {@code --nosort}, destination lines {@code "  -> %-28s %-7s %-6d %-10u %-10u"},
 * {@code persistent <timeout>}); ipset's {@code list} output (Name, Type, Revision, Header, Size in memory,
 * References, Number of entries, Members; revisions and memory sizes here are modelled, not measured);
 * kube-proxy {@code proxier.go} {@code writeIptablesRules}. An IPv6 proxier prints {@code [addr]:port} in
 * ipvsadm (as {@code addrport_to_anyname} does for AF_INET6), {@code family inet6} sets named {@code KUBE-6-*}
 * whose members carry no brackets ({@code 2020::1,tcp:80,2001:db8::/64}), and the ip6tables-restore input.
 */
final class IpvsRenderer {
    private IpvsRenderer() {
    }

    /** {@code ipvsadm -Ln}, then {@code ipset list}, then the iptables-restore input. */
    static String render(NodeConfig node, IpvsTables t) {
        return ipvsadm(t) + "\n" + ipsetList(node, t) + "\n" + iptablesRestore(node, t).text();
    }

    /** {@code ipvsadm -Ln}. */
    static String ipvsadm(IpvsTables t) {
        VirtualServerTable vst = t.vst;
        RealServerPool rs = t.rs;
        AddressBook book = t.book;
        String sched = t.sched.name;
        StringBuilder sb = new StringBuilder();
        sb.append("IP Virtual Server version 1.2.1 (size=").append(1 << t.config.connTabBits()).append(")\n");
        sb.append("Prot LocalAddress:Port Scheduler Flags\n");
        sb.append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        List<long[]> svcs = new ArrayList<>();
        for (int v = 0; v < vst.highWater(); v++) {
            if (vst.live(v)) {
                long k = vst.key[v];
                svcs.add(new long[] {ServiceKey.protocol(k), ServiceKey.addr(k) & 0xFFFF_FFFFL, ServiceKey.port(k), v});
            }
        }
        svcs.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : a[1] != b[1] ? book.compare((int) a[1], (int) b[1]) : Long.compare(a[2], b[2]));
        for (long[] s : svcs) {
            int v = (int) s[3];
            sb.append(ServiceKey.ipvsadm(book, vst.key[v])).append(' ').append(sched);
            if ((vst.flags[v] & VirtualServerTable.F_SCHED_PORT) != 0) {
                sb.append(" (").append(sched).append("-port)");
            }
            if ((vst.flags[v] & VirtualServerTable.F_PERSISTENT) != 0) {
                sb.append(" persistent ").append(vst.timeoutSeconds[v]);
            }
            sb.append('\n');
            List<long[]> ds = new ArrayList<>();
            for (int d = vst.firstDest[v]; d >= 0; d = rs.next[d]) {
                ds.add(new long[] {rs.addr[d] & 0xFFFF_FFFFL, rs.port[d], d});
            }
            ds.sort((a, b) -> a[0] != b[0] ? book.compare((int) a[0], (int) b[0]) : Long.compare(a[1], b[1]));
            for (long[] x : ds) {
                int d = (int) x[2];
                sb.append(String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", rs.text(d), "Masq", rs.weight[d],
                        rs.activeConns[d], rs.inactConns[d]));
            }
        }
        return sb.toString();
    }

    /** {@code ipset list} of every kube-proxy set. */
    static String ipsetList(NodeConfig node, IpvsTables t) {
        String rules = iptablesRestore(node, t).text();
        IpSets sets = t.ipsets;
        boolean v6 = t.v6;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < IpSets.NAMES.length; i++) {
            String type = IpSets.TYPES[i];
            String name = sets.name(i);
            long[][] members = sets.members(i);
            List<String> text = new ArrayList<>();
            for (long[] m : members) {
                text.add(member(type, v6, m));
            }
            text.sort(null);
            boolean bitmap = type.startsWith("bitmap");
            sb.append("Name: ").append(name).append('\n');
            sb.append("Type: ").append(type).append('\n');
            sb.append("Revision: ").append(revision(type)).append('\n');
            sb.append("Header: ").append(bitmap ? "range 0-65535 comment"
                    : "family " + (v6 ? "inet6" : "inet") + " hashsize 1024 maxelem 65536 comment").append('\n');
            sb.append("Size in memory: ").append(bitmap ? 8264 : 200 + 40L * members.length).append('\n');
            sb.append("References: ").append(references(rules, name)).append('\n');
            sb.append("Number of entries: ").append(members.length).append('\n');
            sb.append("Members:\n");
            for (String s : text) {
                sb.append(s).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static int revision(String type) {
        return switch (type) {
            case "bitmap:port" -> 3;
            case "hash:ip" -> 6;
            case "hash:ip,port" -> 7;
            case "hash:ip,port,ip" -> 7;
            default -> 9;
        };
    }

    private static int references(String rules, String name) {
        int n = 0;
        for (String line : rules.split("\n")) {
            if (line.contains("--match-set " + name + " ")) {
                n++;
            }
        }
        return n;
    }

    /**
     * One member as {@code ipset list} prints it, from its stored row: IPv4 rows are {a, b} (packed ip-proto-port
     * or port or address, then the second address or net), IPv6 rows the wide tuple (hi, lo, proto-port, hi2, lo2).
     */
    private static String member(String type, boolean v6, long[] m) {
        if (type.equals("bitmap:port")) {
            return String.valueOf(m[0]);
        }
        if (!v6) {
            String first = type.equals("hash:ip") ? IpAddress.formatV4((int) m[0]) : ServiceKey.ipset(m[0]);
            return switch (type) {
                case "hash:ip", "hash:ip,port" -> first;
                case "hash:ip,port,ip" -> first + "," + IpAddress.formatV4((int) m[1]);
                default -> first + "," + IpAddress.formatV4((int) (m[1] >>> 8)) + "/" + (m[1] & 0xFF);
            };
        }
        String ip = new IpAddress(m[0], m[1]).toString();
        if (type.equals("hash:ip")) {
            return ip;
        }
        String head = ServiceKey.ipset(ip, (int) (m[2] >>> 16) & 0xFF, (int) m[2] & 0xFFFF);
        if (type.equals("hash:ip,port")) {
            return head;
        }
        String second = new IpAddress(m[3], m[4]).toString();
        return type.endsWith(",net") ? head + "," + second + "/" + (m[2] >>> 32) : head + "," + second;
    }

    /** The iptables-restore input of the last sync. */
    static CompanionRulesText.Restore iptablesRestore(NodeConfig node, IpvsTables t) {
        List<Cidr> cidrs = node.clusterCIDRs(t.book.family());
        List<String> text = new ArrayList<>();
        for (Cidr c : cidrs) {
            text.add(c.toString());
        }
        return CompanionRulesText.restore(t.ipsets, t.rules, node.masqueradeAll(),
                cidrs.isEmpty() ? null : String.join(",", text), node.masqueradeMark());
    }
}
