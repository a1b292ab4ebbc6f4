package io.kpbench.cli;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code kpbench render}: prints the ruleset a proxy mode programs on a node, as the mode's own tool shows it. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Print the ruleset a proxy mode programs on a node (iptables-save, nft -f transaction, "
                + "ipvsadm -Ln, cilium bpf lb list, ...), one block per IP family.")
final class RenderCommand implements Runnable {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    ModeOptions mode;

    @Mixin
    NodeOptions node;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        ClusterSnapshot c = cluster.load().snapshot();
        NodeConfig n = node.resolve(c);
        Proxiers proxiers = new Proxiers(mode, n, c);
        var out = spec.commandLine().getOut();
        for (Map.Entry<IpFamily, DataPlane> e : proxiers.all()) {
            out.print(e.getValue().render());
        }
        out.flush();
    }
}
