package io.kpbench.cli;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.common.UserError;
import io.kpbench.path.ClusterPath;
import io.kpbench.path.DnsAnswer;
import io.kpbench.path.DnsRecord;
import io.kpbench.path.DnsType;
import io.kpbench.proxy.ProxyMode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kpbench dns}: what cluster DNS (CoreDNS's kubernetes plugin) or public DNS answers for a name, with a
 * pod's search path, printed like {@code dig}. NAME is the only positional argument; manifests come with
 * {@code -f}.
 */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "Resolve a NAME as cluster DNS (CoreDNS kubernetes plugin) answers it, like dig: A, AAAA, "
                + "SRV, CNAME; with --from pod/NS/NAME the pod's search path (ndots:5) applies. "
                + "Manifests come with -f.")
final class DnsCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "NAME",
            description = "The name to resolve: web, web.ns, web.ns.svc.cluster.local., _http._tcp.web.ns, "
                    + "or a public name.")
    String name;

    /** Anything after NAME: a mistake (a manifest without -f), reported with the fix. */
    @Parameters(index = "1..*", hidden = true)
    List<String> extra = new ArrayList<>();

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--from", paramLabel = "client|pod/NS/NAME|node/NAME", defaultValue = "node",
            description = "Who asks: an outside client (public DNS only), a pod (search path of its namespace) "
                    + "or a node (no search path) (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--type", paramLabel = "A|AAAA|SRV|CNAME", defaultValue = "A",
            description = "The query type (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--json", description = "Print the answer as JSON: status, server, search path, records.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (!extra.isEmpty()) {
            throw new UserError("dns: takes one NAME, got '" + name + "' and then '" + String.join("' '", extra)
                    + "': give manifest files with -f FILE");
        }
        DnsType t = DnsType.parse(type);
        if (t == null) {
            throw new UserError("--type: '" + type + "' is not A, AAAA, SRV or CNAME");
        }
        ClusterSnapshot c = PathOptions.load(cluster);
        // The proxiers play no part in DNS; the cheapest mode keeps building the model quick.
        ClusterPath path = new ClusterPath(c, ProxyMode.USERSPACE::create, "dns", true, false, 16);
        DnsAnswer a;
        try {
            a = from.equals("node") ? path.dns().resolve(name, t, null, false) : path.resolve(name, t, from);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(toJson(a)));
        } else {
            out.println("; <<>> kpbench dns <<>> " + name + " " + t
                    + (from.equals("node") ? "" : " (from " + from + ")"));
            out.print(a.dig());
        }
        out.flush();
    }

    private Map<String, Object> toJson(DnsAnswer a) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", name);
        o.put("from", from);
        o.put("question", a.question());
        o.put("type", a.type().name());
        o.put("status", a.status());
        o.put("server", a.server());
        o.put("tried", a.tried());
        List<Object> records = new ArrayList<>();
        for (DnsRecord r : a.answers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("ttl", r.ttl());
            m.put("type", r.type().name());
            m.put("data", r.data());
            records.add(m);
        }
        o.put("answers", records);
        return o;
    }
}
