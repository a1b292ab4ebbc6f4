package io.kpbench.cli;

import io.kpbench.common.UserError;
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
 * and back (DNS, cloud LB, NodePort, proxier, DNAT/SNAT, cross-node, pod, conntrack de-NAT), ending with the
 * journey in the seed's notation.
 */
@Command(name = "walk", mixinStandardHelpOptions = true,
        description = "Walk a connection through the cluster and back: DNS, cloud LB, NodePort, the proxy mode's "
                + "decision, DNAT/SNAT, the pod, and the reply's way back through conntrack.")
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
        path.check(mode);
        ClusterPath model = path.build(PathOptions.load(cluster), mode);
        Walk w;
        try {
            w = model.walk(from, to, packets, seed);
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
