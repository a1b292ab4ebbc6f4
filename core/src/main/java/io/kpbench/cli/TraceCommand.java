package io.kpbench.cli;

import io.kpbench.common.UserError;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.iptables.IptablesDataPlane;
import io.kpbench.proxy.iptables.netfilter.RuleParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.function.Function;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kpbench trace}: what a NEW packet does on a node in one proxy mode, following every probabilistic
 * branch: the verdict, every reachable endpoint in rule order, masquerade, the chains and maps visited.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Trace a NEW packet through a proxy mode on a node: verdict (DNAT, ACCEPT, DROP, REJECT, "
                + "NONE), every reachable endpoint, masquerade, and the chains/maps visited.")
final class TraceCommand implements Runnable {
    @Mixin
    ProxierOptions proxier;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Packets packets;

    @Option(names = "--json", description = "Print JSON (one object; with --flows, one JSON line per flow).")
    boolean json;

    @Option(names = "--iptables-save", paramLabel = "FILE",
            description = "Trace through an iptables-save dump (e.g. taken from a real node) instead of a cluster; "
                    + "needs --mode iptables and --node-ip (default: none, trace the cluster).")
    String iptablesSave;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Either one packet from options or a flows file. */
    static final class Packets {
        @ArgGroup(exclusive = false)
        OnePacket one;

        @Option(names = "--flows", paramLabel = "FILE",
                description = "JSON lines {\"src\":..,\"dst\":..,\"dport\":..,\"proto\":..}; one result per line "
                        + "(instead of --src, --dst and --dport).")
        String flows;
    }

    /** The options of a single packet. */
    static final class OnePacket {
        @Option(names = "--src", paramLabel = "IP", required = true, description = "The packet's source address.")
        String src;

        @Option(names = "--dst", paramLabel = "IP", required = true, description = "The destination address.")
        String dst;

        @Option(names = "--dport", paramLabel = "N", required = true, description = "The destination port.")
        Integer dport;

        @Option(names = "--proto", paramLabel = "TCP|UDP|SCTP", description = "The protocol (default: TCP).")
        String proto;

        @Option(names = "--sport", paramLabel = "N", description = "The source port (default: 40000).")
        Integer sport;
    }

    @Override
    public void run() {
        List<PacketSpec> specs = packets.flows != null ? PacketSpec.readFlows(packets.flows)
                : List.of(PacketSpec.of("--", packets.one.src, packets.one.dst, packets.one.dport,
                        packets.one.proto, packets.one.sport));
        ProxyMode m = proxier.mode.mode();
        proxier.node.check();
        ClusterSnapshot c;
        Function<IpFamily, DataPlane> proxierOf;
        NodeConfig n;
        if (iptablesSave != null) {
            if (m != ProxyMode.IPTABLES) {
                throw new UserError("--iptables-save: needs --mode iptables, not " + m.cliName());
            }
            if (proxier.cluster.given()) {
                throw new UserError("--iptables-save: give either a dump or a cluster (-f/--synthetic), not both");
            }
            n = proxier.node.resolve(ClusterSnapshot.empty());
            String text = readDump(iptablesSave);
            Map<IpFamily, DataPlane> parsed = new EnumMap<>(IpFamily.class);
            NodeConfig nc = n;
            proxierOf = f -> parsed.computeIfAbsent(f, fam -> parseDump(text, nc, fam));
        } else {
            c = proxier.cluster.load().snapshot();
            n = proxier.node.resolve(c);
            Proxiers proxiers = new Proxiers(proxier.mode, n, c);
            proxierOf = proxiers::of;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (PacketSpec p : specs) {
            DataPlane dp = proxierOf.apply(p.dst().family());
            if (dp == null) {
                throw new UserError("--node-ip: node '" + n.nodeName() + "' has no " + p.dst().family()
                        + " address, so it runs no " + p.dst().family() + " proxier");
            }
            Explanation e = dp.explain(p.tuple());
            if (json) {
                Map<String, Object> o = toJson(p, e, m, n);
                out.println(packets.flows != null ? Json.line(o) : Json.write(o));
            } else {
                out.print(human(p, e, m, n));
            }
        }
        out.flush();
    }

    private static String readDump(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": cannot read: no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
    }

    private DataPlane parseDump(String text, NodeConfig n, IpFamily family) {
        try {
            return IptablesDataPlane.fromSave(text, n, family);
        } catch (RuleParseException e) {
            throw new UserError(iptablesSave + ": " + e.getMessage());
        }
    }

    static Map<String, Object> toJson(PacketSpec p, Explanation e, ProxyMode m, NodeConfig n) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("src", p.src().toString());
        o.put("dst", p.dst().toString());
        o.put("dport", p.dport());
        o.put("proto", p.protocol().name());
        o.put("mode", m.cliName());
        o.put("node", n.nodeName());
        o.put("verdict", e.verdict().name());
        o.put("endpoints", e.endpoints());
        o.put("masquerade", e.masquerade());
        o.put("path", e.path());
        o.put("rulesEvaluated", e.rulesEvaluated());
        return o;
    }

    static String human(PacketSpec p, Explanation e, ProxyMode m, NodeConfig n) {
        StringBuilder sb = new StringBuilder();
        sb.append(p.protocol()).append(' ').append(p.src().withPort(p.sport())).append(" -> ")
                .append(p.dst().withPort(p.dport())).append("  on ").append(n.nodeName()).append(" (")
                .append(m.cliName()).append(", ").append(p.dst().family()).append(")\n");
        for (String line : e.path()) {
            sb.append("  ").append(line).append('\n');
        }
        sb.append("=> ").append(e.verdict());
        if (!e.endpoints().isEmpty()) {
            sb.append(' ').append(String.join(", ", e.endpoints()));
        }
        sb.append("  (masquerade: ").append(e.masquerade() ? "yes" : "no").append(", ")
                .append(e.rulesEvaluated()).append(" rules evaluated)\n");
        return sb.toString();
    }
}
