package io.kpbench.cli;

import io.kpbench.cluster.manifest.LoadOptions;
import io.kpbench.cluster.manifest.LoadResult;
import io.kpbench.cluster.manifest.ManifestLoader;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.common.UserError;
import io.kpbench.net.Ports;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command that needs a cluster shares: manifests ({@code -f}) or a synthetic cluster
 * ({@code --synthetic}; the default cluster, announced on stderr, when neither is given), and the API settings
 * that validation uses.
 */
public final class ClusterOptions {
    private final InputStream stdin;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE",
            description = "A manifest file (YAML or JSON; multi-document or kind: List); repeatable; '-' is stdin "
                    + "(default: none, and then the --synthetic cluster).")
    List<String> files = new ArrayList<>();

    @Mixin
    SyntheticOptions synthetic;

    @Option(names = "--service-node-port-range", paramLabel = "A-B", defaultValue = "30000-32767",
            converter = PortRangeConverter.class,
            description = "The API server's node-port range, for validation (default: ${DEFAULT-VALUE}).")
    Ports.Range nodePortRange;

    @Option(names = "--max-document-bytes", paramLabel = "N", hidden = true,
            defaultValue = "" + LoadOptions.DEFAULT_MAX_DOCUMENT_BYTES,
            description = "The largest single document accepted (default: ${DEFAULT-VALUE}).")
    long maxDocumentBytes;

    ClusterOptions(InputStream stdin) {
        this.stdin = stdin;
    }

    /** True when the cluster comes from manifests. */
    public boolean fromManifests() {
        return !files.isEmpty();
    }

    /** True when the user named a cluster, by manifests or by {@code --synthetic}. */
    public boolean given() {
        return fromManifests() || synthetic.given();
    }

    /** Adds manifest files given as positional arguments (validate's {@code FILE...}), after those of -f. */
    void addFiles(List<String> more) {
        files.addAll(more);
    }

    /** The node-port range in force. */
    public Ports.Range nodePortRange() {
        return nodePortRange;
    }

    /**
     * Loads the cluster the options name. Without manifests or {@code --synthetic} this is the default synthetic
     * cluster, and one line on stderr says so.
     */
    public LoadResult load() {
        if (fromManifests() && synthetic.given()) {
            throw new UserError("give either manifests (-f) or --synthetic, not both");
        }
        if (fromManifests()) {
            LoadOptions o = new LoadOptions(nodePortRange, maxDocumentBytes, LoadOptions.DEFAULT_MAX_ALIASES);
            return ManifestLoader.load(files, stdin, o);
        }
        if (!synthetic.given() && mixee != null) {
            mixee.commandLine().getErr().println("kpbench: no -f given: using the synthetic cluster "
                    + SyntheticOptions.DEFAULT_SUMMARY);
            mixee.commandLine().getErr().flush();
        }
        return new LoadResult(SyntheticCluster.generate(synthetic.spec()), Map.of(), List.of());
    }

    /** Converts {@code A-B} to a port range. */
    static final class PortRangeConverter implements picocli.CommandLine.ITypeConverter<Ports.Range> {
        @Override
        public Ports.Range convert(String value) {
            try {
                return Ports.Range.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
