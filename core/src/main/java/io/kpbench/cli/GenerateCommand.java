package io.kpbench.cli;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.manifest.ManifestWriter;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.common.AtomicFile;
import io.kpbench.common.UserError;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
    SyntheticOptions synthetic;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the YAML (written to a temporary file, then renamed) (default: stdout).")
    Path output;

    @Option(names = "--json", description = "With -o: print what was written as JSON (spec, counts, file) "
            + "instead of the one-line note on stderr.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (json && output == null) {
            throw new UserError("--json: needs -o FILE (without it the YAML itself goes to stdout)");
        }
        if (output != null && Files.isDirectory(output)) {
            throw new UserError("-o: " + output + " is a directory; give the file to write, e.g. "
                    + output.resolve("cluster.yaml"));
        }
        SyntheticSpec s = synthetic.spec();
        ClusterSnapshot c = SyntheticCluster.generate(s);
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
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output", output.toString());
            m.put("spec", s.toString());
            m.put("services", c.services().size());
            m.put("endpointSlices", c.slices().size());
            m.put("nodes", c.nodes().size());
            spec.commandLine().getOut().println(Json.write(m));
            spec.commandLine().getOut().flush();
        } else {
            spec.commandLine().getErr().println("kpbench: wrote " + c.services().size() + " services, "
                    + c.slices().size() + " endpoint slices and " + c.nodes().size() + " nodes to " + output);
        }
    }
}
