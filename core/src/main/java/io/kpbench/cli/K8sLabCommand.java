package io.kpbench.cli;

import io.kpbench.cli.k8s.K8sInput;
import io.kpbench.cli.k8s.LabJobs;
import io.kpbench.cli.k8s.PodScripts;
import io.kpbench.cli.k8s.Source;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kpbench k8s-lab}: writes one privileged kernel-lab Job per node; applies nothing. */
@Command(name = "k8s-lab", mixinStandardHelpOptions = true,
        description = "Write one Kubernetes Job (YAML) per node that runs the kernel lab there (iptables-nft, "
                + "iptables-legacy, nftables; ip_vs loaded where the node allows) inside network namespaces it "
                + "creates, in a privileged pod without host networking, and the kubectl commands to apply them, "
                + "wait, copy each node's kernel-lab.csv and calibration.json out and clean up. Applies nothing.")
final class K8sLabCommand implements Runnable {
    @Option(names = "--nodes", paramLabel = "NODE", split = ",", required = true,
            description = "The nodes' kubernetes.io/hostname labels, one Job each.")
    List<String> nodes;

    @Option(names = "--cpu", paramLabel = "CORES", defaultValue = "2",
            description = "Whole cores, requested and limited (default: ${DEFAULT-VALUE}).")
    String cpu;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "4Gi",
            description = "Memory, requested and limited (default: ${DEFAULT-VALUE}).")
    String memory;

    @Mixin
    K8sOptions k8s;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> ns = K8sInput.nodes(nodes);
        String namespace = k8s.checkedNamespace();
        Source src = k8s.source(err);
        LabJobs lab = new LabJobs(namespace, ns, K8sInput.cpu(cpu), K8sInput.memory(memory), k8s.checkedHold(), src);
        String file = k8s.fileForCommands("kpbench-lab-" + src.shortCommit() + ".yaml");
        List<String> header = List.of(
                "kpbench k8s-lab: the kernel lab on " + ns.size() + (ns.size() == 1 ? " node" : " nodes")
                        + " (" + String.join(", ", ns) + "), commit " + src.commit() + " of " + src.repo() + ",",
                "on " + src.image() + ". Privileged (it creates network namespaces and loads netfilter rules in them;",
                "hostNetwork false): the namespace's Pod Security level must allow privileged pods. Each pod runs:",
                "  " + PodScripts.LAB_STEP.strip().replace("\n", "; "),
                "then holds /results/lab until it is copied out (--hold s at most).");
        k8s.write(spec.commandLine().getOut(), err, header, lab.commands(file, "results/k8s-lab-" + src.shortCommit(),
                "1h"), lab.jobs());
    }
}
