package io.kpbench.cli;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
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
 * {@code kpbench render}: prints the ruleset a proxy mode programs on a node, as the mode's own tool shows it.
 *
 * <p>A dual-stack node runs one proxier per family (kube-proxy's {@code MetaProxier}, v1.23+), and the real tools
 * print the families apart ({@code iptables-save} and {@code ip6tables-save}; {@code nft list table ip} and
 * {@code ip6}), so each family's text follows a {@code # IPv4} or {@code # IPv6} header line. A single-stack node
 * prints its one ruleset with no header, as the tool would.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Print the ruleset a proxy mode programs on a node (iptables-save, nft -f transaction, "
                + "ipvsadm -Ln, cilium bpf lb list, ...); on a dual-stack node one block per IP family, each "
                + "after a '# IPv4' or '# IPv6' line.")
final class RenderCommand implements Runnable {
    @Mixin
    ProxierOptions proxier;

    @Option(names = "--json", description = "Print JSON: the mode, the node and one {family, text} per IP family.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        ProxyMode m = proxier.mode.mode();
        proxier.node.check();
        ClusterSnapshot c = proxier.cluster.load().snapshot();
        NodeConfig n = proxier.node.resolve(c);
        Proxiers proxiers = new Proxiers(proxier.mode, n, c);
        List<Map.Entry<IpFamily, DataPlane>> all = new ArrayList<>();
        proxiers.all().forEach(all::add);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("mode", m.cliName());
            o.put("node", n.nodeName());
            List<Object> families = new ArrayList<>();
            for (Map.Entry<IpFamily, DataPlane> e : all) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("family", e.getKey().toString());
                f.put("text", e.getValue().render());
                families.add(f);
            }
            o.put("families", families);
            out.println(Json.write(o));
        } else {
            for (Map.Entry<IpFamily, DataPlane> e : all) {
                if (all.size() > 1) {
                    out.println("# " + e.getKey());
                }
                String text = e.getValue().render();
                out.print(text);
                if (all.size() > 1 && !text.isEmpty() && !text.endsWith("\n")) {
                    out.println();
                }
            }
        }
        out.flush();
    }
}
