package io.kpbench.cli;

import io.kpbench.common.UserError;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.path.ClusterPath;
import io.kpbench.path.DnsAnswer;
import io.kpbench.path.DnsType;
import io.kpbench.proxy.ProxyMode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kpbench dns}: what cluster DNS (CoreDNS's kubernetes plugin) or public DNS answers for a name, with a
 * pod's search path, printed like {@code dig}.
 */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "Resolve a NAME as cluster DNS (CoreDNS kubernetes plugin) answers it, like dig: A, AAAA, "
                + "SRV, CNAME; with --from pod/NS/NAME the pod's search path (ndots:5) applies.")
final class DnsCommand implements Runnable {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--from", paramLabel = "client|pod/NS/NAME|node/NAME", defaultValue = "node",
            description = "Who asks: an outside client (public DNS only), a pod (search path of its namespace) "
                    + "or a node (no search path; the default).")
    String from;

    @Option(names = "--type", paramLabel = "A|AAAA|SRV|CNAME", defaultValue = "A", description = "The query type.")
    String type;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // ClusterOptions owns the positional parameters (manifest files); the first one is the name asked.
        if (cluster.positional.isEmpty()) {
            throw new UserError("dns: give the NAME to resolve");
        }
        String name = cluster.positional.remove(0);
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
        out.println("; <<>> kpbench dns <<>> " + name + " " + t + (from.equals("node") ? "" : " (from " + from + ")"));
        out.print(a.dig());
        out.flush();
    }
}
