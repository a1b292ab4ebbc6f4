package io.kpbench.cli;

import io.kpbench.common.UserError;
import io.kpbench.cluster.manifest.LoadOptions;
import io.kpbench.cluster.manifest.LoadResult;
import io.kpbench.cluster.manifest.ManifestLoader;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.Ports;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options every command that needs a cluster shares: manifests ({@code -f}) or a synthetic cluster
 * ({@code --synthetic}, the default when neither is given), and the API settings that validation uses.
 */
public final class ClusterOptions {
    private final InputStream stdin;

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE",
            description = "A manifest file (YAML or JSON; multi-document or kind: List); repeatable; '-' is stdin.")
    List<String> files = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Manifest files, as with -f (so that `validate scenarios/*.yaml` works).")
    List<String> positional = new ArrayList<>();

    @Option(names = "--synthetic", paramLabel = "SPEC",
            description = "A seeded synthetic cluster, e.g. services=1000,endpoints=10,nodes=20,seed=7 "
                    + "(the default when no -f is given).")
    String synthetic;

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
        return !files.isEmpty() || !positional.isEmpty();
    }

    /** The manifest files, from -f then positional arguments. */
    public List<String> manifestFiles() {
        List<String> all = new ArrayList<>(files);
        all.addAll(positional);
        return all;
    }

    /** The node-port range in force. */
    public Ports.Range nodePortRange() {
        return nodePortRange;
    }

    /** Loads the cluster the options name. */
    public LoadResult load() {
        if (fromManifests() && synthetic != null) {
            throw new UserError("give either manifests (-f) or --synthetic, not both");
        }
        if (fromManifests()) {
            LoadOptions o = new LoadOptions(nodePortRange, maxDocumentBytes, LoadOptions.DEFAULT_MAX_ALIASES);
            return ManifestLoader.load(manifestFiles(), stdin, o);
        }
        return new LoadResult(SyntheticCluster.generate(syntheticSpec()), Map.of(), List.of());
    }

    /** The synthetic spec given, or the default. */
    public SyntheticSpec syntheticSpec() {
        try {
            return synthetic == null ? SyntheticSpec.defaults() : SyntheticSpec.parse(synthetic);
        } catch (IllegalArgumentException e) {
            throw new UserError("--synthetic: " + e.getMessage());
        }
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
