package io.kpbench.cli;

import io.kpbench.cluster.ClusterSummary;
import io.kpbench.cluster.manifest.LoadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kpbench validate}: loads manifests (or a synthetic cluster), validates them and prints a summary. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Load and validate manifests, then print a summary of services, ports, endpoints and nodes.")
final class ValidateCommand implements Runnable {
    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Manifest files, as with -f (so that `validate scenarios/*.yaml` works).")
    List<String> positional = new ArrayList<>();

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        cluster.addFiles(positional);
        LoadResult r = cluster.load();
        ClusterSummary s = ClusterSummary.of(r.snapshot());
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("services", s.services());
            m.put("servicesByType", s.servicesByType());
            m.put("portsByProtocol", s.portsByProtocol());
            m.put("nodePorts", s.nodePorts());
            m.put("slices", r.snapshot().slices().size());
            m.put("slicesByFamily", s.slicesByFamily());
            m.put("endpoints", s.endpointsByCondition());
            m.put("nodes", r.snapshot().nodes().size());
            m.put("nodesByZone", s.nodesByZone());
            m.put("skipped", r.skippedByKind());
            m.put("warnings", r.warnings());
            out.println(Json.write(m));
        } else {
            out.print(SummaryText.render(s, r));
        }
        out.flush();
    }
}
