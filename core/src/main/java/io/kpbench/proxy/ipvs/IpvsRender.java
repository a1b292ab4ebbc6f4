package io.kpbench.proxy.ipvs;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders the IPVS data plane as its tools print it: {@code ipvsadm -Ln}, {@code ipset list} and the
 * {@code iptables-restore} input kube-proxy writes each sync.
 *
 * <p>Sources: ipvsadm {@code ipvsadm.c} ({@code print_title}, {@code print_service_entry}: services and
 * destinations sorted unless {@code --nosort}, destination lines {@code "  -> %-28s %-7s %-6d %-10u %-10u"},
 * {@code persistent <timeout>}); ipset's {@code list} output (Name, Type, Revision, Header, Size in memory,
 * References, Number of entries, Members; revisions and memory sizes here are modelled, not measured);
 * kube-proxy {@code proxier.go} {@code writeIptablesRules}. An IPv6 plane prints {@code [addr]:port} in
 * ipvsadm (as {@code addrport_to_anyname} does for AF_INET6), {@code family inet6} sets named {@code KUBE-6-*},
 * and the ip6tables-restore input ({@code -s ::1/128}, the IPv6 cluster CIDR).
 */
final class IpvsRender {
    private IpvsRender() {
    }

    /** {@code ipvsadm -Ln}. */
    static String ipvsadm(IpvsDataPlane p) {
        VirtualServerTable vst = p.core.vst;
        RealServerPool rs = p.core.rs;
        AddressBook book = p.core.book;
        StringBuilder sb = new StringBuilder();
        sb.append("IP Virtual Server version 1.2.1 (size=").append(1 << p.config().connTabBits()).append(")\n");
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
            sb.append(ServiceKey.ipvsadm(book, vst.key[v])).append(' ').append(p.core.sched.name);
            if ((vst.flags[v] & VirtualServerTable.F_SCHED_PORT) != 0) {
                sb.append(" (").append(p.core.sched.name).append("-port)");
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
    static String ipsetList(IpvsDataPlane p) {
        Restore restore = iptablesRestore(p);
        boolean v6 = p.core.book.v6();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < IpvsIpSets.NAMES.length; i++) {
            String type = IpvsIpSets.TYPES[i];
            String name = p.ipsets.names[i];
            long[][] members = p.ipsets.sets[i].members();
            List<String> text = new ArrayList<>();
            for (long[] m : members) {
                text.add(v6 ? IpvsRender6.member(type, m) : member(type, m[0], m[1]));
            }
            text.sort(null);
            boolean bitmap = type.startsWith("bitmap");
            sb.append("Name: ").append(name).append('\n');
            sb.append("Type: ").append(type).append('\n');
            sb.append("Revision: ").append(revision(type)).append('\n');
            sb.append("Header: ").append(bitmap ? "range 0-65535 comment"
                    : "family " + (v6 ? "inet6" : "inet") + " hashsize 1024 maxelem 65536 comment").append('\n');
            sb.append("Size in memory: ").append(bitmap ? 8264 : 200 + 40L * members.length).append('\n');
            sb.append("References: ").append(references(restore.text(), name)).append('\n');
            sb.append("Number of entries: ").append(members.length).append('\n');
            sb.append("Members:\n");
            for (String t : text) {
                sb.append(t).append('\n');
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

    private static String member(String type, long a, long b) {
        switch (type) {
            case "bitmap:port":
                return String.valueOf(a);
            case "hash:ip":
                return IpAddress.formatV4((int) a);
            case "hash:ip,port":
                return ServiceKey.ipset(a);
            case "hash:ip,port,ip":
                return ServiceKey.ipset(a) + "," + IpAddress.formatV4((int) b);
            default:
                return ServiceKey.ipset(a) + "," + IpAddress.formatV4((int) (b >>> 8)) + "/" + (b & 0xFF);
        }
    }

    /** An iptables-restore text with its counts. */
    record Restore(String text, int lines, int rules, int chains) {
    }

    /** The iptables-restore input of the last sync. */
    static Restore iptablesRestore(IpvsDataPlane p) {
        IpvsIpSets s = p.ipsets;
        boolean v6 = p.core.book.v6();
        List<String> nat = new ArrayList<>();
        List<String> filter = new ArrayList<>();
        nat.add("-A KUBE-SERVICES -s " + (v6 ? "::1/128" : "127.0.0.0/8") + " -j RETURN");
        IpvsIptablesText.ipsetRules(s, nat, filter);
        IpvsIptablesText.serviceRules(s, p.node.masqueradeAll(), clusterCidrs(p), nat);
        nat.add("-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT");
        nat.add("-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ");
        filter.add("-A KUBE-SOURCE-RANGES-FIREWALL -j DROP");
        if (v6) {
            IpvsRender6.outFilter(p.iptables6.outFilter, filter);
        } else {
            for (long k : p.iptables.outFilter) {
                String ip = IpAddress.formatV4(ServiceKey.addr(k));
                filter.add(outFilterRule(ip, ServiceKey.protocol(k), ServiceKey.port(k)));
            }
        }
        IpvsIptablesText.tailRules(s, String.format("%#08x", p.node.masqueradeMark()), nat, filter);
        List<String> out = new ArrayList<>();
        out.add("*nat");
        for (String c : Arrays.asList("KUBE-SERVICES", "KUBE-POSTROUTING", "KUBE-NODE-PORT", "KUBE-LOAD-BALANCER",
                "KUBE-MARK-MASQ")) {
            out.add(":" + c + " - [0:0]");
        }
        out.addAll(nat);
        out.add("COMMIT");
        out.add("*filter");
        for (String c : Arrays.asList("KUBE-FORWARD", "KUBE-NODE-PORT", "KUBE-PROXY-FIREWALL",
                "KUBE-SOURCE-RANGES-FIREWALL", "KUBE-IPVS-FILTER", "KUBE-IPVS-OUT-FILTER")) {
            out.add(":" + c + " - [0:0]");
        }
        out.addAll(filter);
        out.add("COMMIT");
        return new Restore(String.join("\n", out) + "\n", out.size(), nat.size() + filter.size(), 11);
    }

    /** One {@code KUBE-IPVS-OUT-FILTER} rule: the node may not reach an LB VIP its source ranges exclude. */
    static String outFilterRule(String ip, int protocol, int port) {
        return "-A KUBE-IPVS-OUT-FILTER -s " + ip + " -m ipvs --vaddr " + ip + " --vproto "
                + Protocol.ofNumber(protocol).lower() + " --vport " + port + " -j DROP";
    }

    private static String clusterCidrs(IpvsDataPlane p) {
        List<Cidr> cidrs = p.node.clusterCIDRs(p.family());
        if (cidrs.isEmpty()) {
            return null;
        }
        List<String> t = new ArrayList<>();
        for (Cidr c : cidrs) {
            t.add(c.toString());
        }
        return String.join(",", t);
    }
}
