package io.kpbench.cli;

import io.kpbench.cli.k8s.BenchJob;
import io.kpbench.cli.k8s.K8sInput;
import io.kpbench.cli.k8s.Source;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kpbench k8s-bench}: writes the sweep as a Kubernetes Indexed Job of N shards; applies nothing. */
@Command(name = "k8s-bench", mixinStandardHelpOptions = true,
        description = "Write a Kubernetes Indexed Job (YAML) that runs the bench sweep as N shards, one per node "
                + "(-Dbench.shard=I/N from JOB_COMPLETION_INDEX), with requests equal to limits, and the kubectl "
                + "commands to apply it, wait, copy the shard folders out, merge them and clean up. Applies nothing.")
final class K8sBenchCommand implements Runnable {
    @Option(names = "--shards", paramLabel = "N", required = true,
            description = "Shards: the Job's completions and parallelism, each on a node of its own.")
    int shards;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "quick",
            description = "smoke, quick or full (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--cpu", paramLabel = "CORES", defaultValue = "2",
            description = "Whole cores per shard, requested and limited (default: ${DEFAULT-VALUE}).")
    String cpu;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "Memory per shard, requested and limited (default: 12Gi; smoke: 4Gi).")
    String memory;

    @Option(names = "--node-selector", paramLabel = "KEY=VALUE",
            description = "A label the shards' nodes must carry (repeatable; default: any node).")
    List<String> nodeSelector = new ArrayList<>();

    @Option(names = "--pvc", paramLabel = "CLAIM",
            description = "Write the results to this ReadWriteMany claim, read by a helper pod, instead of an "
                    + "emptyDir per pod held until copied (the default).")
    String pvc;

    @Mixin
    K8sOptions k8s;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        int n = K8sInput.shards(shards);
        String p = K8sInput.profile(profile);
        String mem = K8sInput.memory(memory != null ? memory : p.equals("smoke") ? "4Gi" : "12Gi");
        String ns = k8s.checkedNamespace();
        if (pvc != null) {
            K8sInput.claim(pvc);
        }
        Source src = k8s.source(err);
        BenchJob job = new BenchJob("kpbench-" + p + "-" + src.shortCommit(), ns, n, p, K8sInput.cpu(cpu), mem,
                K8sInput.selector(nodeSelector), pvc, k8s.checkedHold(), src);
        String file = k8s.fileForCommands(job.name() + ".yaml");
        String timeout = switch (p) {
            case "smoke" -> "2h";
            case "quick" -> "4h";
            default -> "24h";
        };
        List<String> header = List.of(
                "kpbench k8s-bench: the " + p + " profile as " + n + " shards of an Indexed Job, one node each,",
                "commit " + src.commit() + " of " + src.repo() + " on " + src.image() + ".",
                "Each pod clones the commit and runs: " + "mvn -B verify -Pbench -Dbench.profile=" + p
                        + " -Dbench.shard=$((JOB_COMPLETION_INDEX+1))/" + n + " ...",
                pvc == null ? "then holds /results (an emptyDir) until its shard is copied out (--hold s at most)."
                        : "writing to claim " + pvc + " (ReadWriteMany), read by pod " + job.helperPod() + ".");
        k8s.write(spec.commandLine().getOut(), err, header, job.commands(file, "results/k8s-" + job.name(), timeout),
                job.objects());
    }
}
