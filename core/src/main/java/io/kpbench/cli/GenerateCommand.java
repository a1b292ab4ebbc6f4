package io.kpbench.cli;

import io.kpbench.common.AtomicFile;
import io.kpbench.common.UserError;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.manifest.ManifestWriter;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import java.io.Writer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kpbench generate}: writes a seeded synthetic cluster as standard Kubernetes YAML. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a seeded synthetic cluster and write it as Kubernetes YAML "
                + "(Nodes, Services with explicit cluster IPs, EndpointSlices).")
final class GenerateCommand implements Runnable {
    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the YAML (written to a temporary file, then renamed); default stdout.")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (cluster.fromManifests()) {
            throw new UserError("generate takes --synthetic, not -f");
        }
        ClusterSnapshot c = SyntheticCluster.generate(cluster.syntheticSpec());
        if (output == null) {
            try {
                Writer w = spec.commandLine().getOut();
                ManifestWriter.write(c, w);
                w.flush();
            } catch (java.io.IOException e) {
                throw new UserError("stdout: cannot write: " + e.getMessage(), e);
            }
            return;
        }
        AtomicFile.write(output, w -> ManifestWriter.write(c, w));
        spec.commandLine().getErr().println("kpbench: wrote " + c.services().size() + " services, "
                + c.slices().size() + " endpoint slices and " + c.nodes().size() + " nodes to " + output);
    }
}
