package io.kpbench.cli;

import io.kpbench.common.UserError;
import io.kpbench.net.IpFamily;
import io.kpbench.path.ClusterPath;
import io.kpbench.path.Hop;
import io.kpbench.path.JourneyResult;
import io.kpbench.path.Walk;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kpbench walk}: one connection from a client, pod or node to a URL, name or address, hop by hop there
 * and back (DNS, cloud LB or the provider's NAT, NodePort, proxier, DNAT/SNAT, cross-node, pod, conntrack de-NAT),
 * over IPv4 or IPv6, ending with the hops taken there and back.
 */
@Command(name = "walk", mixinStandardHelpOptions = true,
        description = "Walk a connection through the cluster and back, over IPv4 or IPv6: DNS, cloud LB (IPv4 only) "
                + "or a node's ExternalIP through the provider's NAT, NodePort, the proxy mode's decision, DNAT/SNAT, "
                + "the pod, and the reply's way back through conntrack.")
final class WalkCommand implements Runnable {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    ModeOptions mode;

    @Mixin
    PathOptions path;

    @Option(names = "--from", required = true, paramLabel = "client|pod/NS/NAME|node/NAME",
            description = "The originator: an outside client (" + ClusterPath.CLIENT_IP + "), a pod or a node.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URL|HOST:PORT",
            description = "http://name:port/path, name:port or ip:port.")
    String to;

    @Option(names = {"-4", "--ipv4"}, description = "Resolve a name to IPv4 only, as curl -4.")
    boolean ipv4;

    @Option(names = {"-6", "--ipv6"}, description = "Resolve a name to IPv6 only, as curl -6. Default: IPv6 "
            + "first when the originator and the name have it, else IPv4.")
    boolean ipv6;

    @Option(names = "--packets", paramLabel = "N", defaultValue = "2",
            description = "Packets of the connection to send (default: ${DEFAULT-VALUE}; the second takes the "
                    + "conntrack fast path).")
    int packets;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seeds the endpoint choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (packets < 1 || packets > 1000) {
            throw new UserError("--packets: " + packets + " is not in 1-1000");
        }
        if (ipv4 && ipv6) {
            throw new UserError("-4 and -6: give one of them, or neither");
        }
        path.check(mode);
        ClusterPath model = path.build(PathOptions.load(cluster), mode);
        Walk w;
        try {
            w = model.walk(from, to, packets, seed, ipv4 ? IpFamily.IPv4 : ipv6 ? IpFamily.IPv6 : null);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(toJson(w)));
        } else {
            out.print(WalkText.human(w));
        }
        out.flush();
    }

    static Map<String, Object> toJson(Walk w) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("from", w.from());
        o.put("to", w.to());
        o.put("mode", w.mode());
        o.put("dns", hops(w.dns()));
        List<Object> ps = new ArrayList<>();
        for (Walk.PacketWalk p : w.packets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("packet", p.number());
            m.put("outcome", p.outcome().name());
            m.put("fastPath", p.fastPath());
            m.put("masquerade", JourneyResult.has(p.result(), JourneyResult.MASQUERADE));
            m.put("crossNode", JourneyResult.has(p.result(), JourneyResult.CROSS_NODE));
            m.put("request", hops(p.request()));
            m.put("reply", hops(p.reply()));
            m.put("requestSummary", p.requestSummary());
            m.put("replySummary", p.replySummary());
            ps.add(m);
        }
        o.put("packets", ps);
        return o;
    }

    private static List<Object> hops(List<Hop> hops) {
        List<Object> out = new ArrayList<>();
        for (Hop h : hops) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", h.kind().name());
            m.put("at", h.at());
            m.put("packet", h.packet());
            m.put("note", h.note());
            out.add(m);
        }
        return out;
    }
}
