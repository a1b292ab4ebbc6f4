package io.kpbench.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kpbench.cli.k8s.GitCheckout;
import io.kpbench.cli.k8s.K8sInput;
import io.kpbench.cli.k8s.ManifestYaml;
import io.kpbench.cli.k8s.Source;
import io.kpbench.common.AtomicFile;
import io.kpbench.common.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code k8s-bench} and {@code k8s-lab} share: what the pods clone and run, where the Jobs go, the
 * pod's Guaranteed resources, how long a pod holds its results, and the file the YAML goes to; and the writing.
 */
final class K8sOptions {
    @Option(names = "--commit", paramLabel = "SHA",
            description = "The commit the pods check out (default: HEAD of this checkout; it must be pushed).")
    String commit;

    @Option(names = "--repo", paramLabel = "URL",
            description = "The repository the pods clone (default: this checkout's origin remote).")
    String repo;

    @Option(names = "--image", paramLabel = "IMAGE", defaultValue = Source.DEFAULT_IMAGE,
            description = "A JDK 17 + Maven image with bash, git and tar (default: ${DEFAULT-VALUE}).")
    String image;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "default",
            description = "The namespace of the Jobs (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "7200",
            description = "How long a pod keeps its results after the run, waiting for kubectl cp "
                    + "(default: ${DEFAULT-VALUE}).")
    int hold;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the YAML (temporary file, then renamed) (default: stdout).")
    Path output;

    /** The checked source, with the checkout's defaults filled in. */
    Source source(PrintWriter err) {
        String c = commit;
        if (c == null) {
            c = GitCheckout.head();
            if (c == null) {
                throw new UserError("--commit: this is not a git checkout; give the commit the cluster builds");
            }
            if (GitCheckout.dirty()) {
                err.println("kpbench: note: the pods build commit " + c.substring(0, 8)
                        + "; the uncommitted changes here are not in it");
            }
        }
        return new Source(repo != null ? repo : GitCheckout.origin(), c, image);
    }

    String checkedNamespace() {
        return K8sInput.namespace(namespace);
    }

    int checkedHold() {
        return K8sInput.hold(hold);
    }

    /** The file name the printed commands use: {@code -o}'s, or the suggested one when writing to stdout. */
    String fileForCommands(String suggested) {
        if (output != null && Files.isDirectory(output)) {
            throw new UserError("-o: " + output + " is a directory; give the file to write, e.g. "
                    + output.resolve(suggested));
        }
        return output != null ? output.toString() : suggested;
    }

    /** Writes the header and the objects to {@code -o} or stdout; with {@code -o}, the commands also on stderr. */
    void write(PrintWriter out, PrintWriter err, List<String> header, List<String> commands,
            List<? extends HasMetadata> objects) {
        List<String> all = new ArrayList<>(header);
        all.add("");
        all.add(output == null ? "Save this output as the file the first command names; then, in order:"
                : "Then, in order:");
        commands.forEach(c -> all.add("  " + c));
        if (output == null) {
            try {
                ManifestYaml.write(out, all, objects);
            } catch (IOException e) {
                throw new UserError("stdout: cannot write: " + e.getMessage(), e);
            }
            return;
        }
        AtomicFile.write(output, w -> ManifestYaml.write(w, all, objects));
        err.println("kpbench: wrote " + objects.size() + (objects.size() == 1 ? " object" : " objects") + " to "
                + output + " (nothing applied); then, in order:");
        commands.forEach(c -> err.println("  " + c));
        err.flush();
    }
}
