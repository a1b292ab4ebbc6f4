package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kpbench.cli.k8s.ManifestYaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code k8s-bench} or {@code k8s-lab} and parses what it printed back into fabric8 objects. */
record K8sManifests(CliRun run, List<Job> jobs, List<Pod> pods) {
    static final String REPO = "https://github.com/example/kpbench.git";
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    /** Runs the command with a fixed repository and commit, then parses its stdout. */
    static K8sManifests of(String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--repo", REPO, "--commit", COMMIT));
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return parse(r);
    }

    static K8sManifests parse(CliRun r) throws IOException {
        ObjectMapper yaml = ManifestYaml.mapper();
        List<Job> jobs = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(r.out())) {
            while (docs.hasNext()) {
                JsonNode d = docs.next();
                if (d == null || d.isEmpty()) {
                    continue;
                }
                switch (d.path("kind").asText()) {
                    case "Job" -> jobs.add(yaml.treeToValue(d, Job.class));
                    case "Pod" -> pods.add(yaml.treeToValue(d, Pod.class));
                    default -> throw new AssertionError("unexpected kind: " + d.path("kind"));
                }
            }
        }
        return new K8sManifests(r, jobs, pods);
    }

    static Container container(Job j) {
        assertEquals(1, j.getSpec().getTemplate().getSpec().getContainers().size());
        return j.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The container's script: {@code bash -c SCRIPT}. */
    static String script(Job j) {
        List<String> cmd = container(j).getCommand();
        assertEquals(List.of("/bin/bash", "-c"), cmd.subList(0, 2));
        return cmd.get(2);
    }
}
