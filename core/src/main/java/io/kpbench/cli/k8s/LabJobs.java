package io.kpbench.cli.k8s;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The kernel lab on real nodes: one Job per node, pinned by {@code kubernetes.io/hostname}, whose privileged
 * container ({@code hostNetwork: false}) installs iptables, nftables and iproute2, loads {@code ip_vs} where the
 * node allows, and runs today's kernel lab, which creates its own network namespaces ({@code kpblab-*}) and loads
 * rules only there (through {@code ip netns exec}). Its {@code kernel-lab.csv} and {@code calibration.json} name
 * the node's CPU, kernel and tool versions.
 *
 * <p>Privileged because creating and mounting network namespaces needs CAP_SYS_ADMIN, loading netfilter rules
 * CAP_NET_ADMIN and {@code modprobe} CAP_SYS_MODULE; {@code /lib/modules} is mounted read-only from the node for
 * {@code modprobe}, as kube-proxy's own DaemonSet mounts it (kubernetes {@code cluster/addons/kube-proxy}).
 *
 * @param namespace the namespace the Jobs run in (its Pod Security level must allow privileged pods)
 * @param nodes the nodes' {@code kubernetes.io/hostname} label values, one Job each
 * @param cpu whole cores, requested and limited
 * @param memory memory, requested and limited
 * @param holdSeconds how long a pod holds its results after the lab, waiting for the copy
 * @param source what the pods clone and run
 */
public record LabJobs(String namespace, List<String> nodes, String cpu, String memory, int holdSeconds,
        Source source) {
    /** Names stay DNS labels of at most 63 characters. */
    private static final int MAX_NAME = 63;

    /** Copies the node list. */
    public LabJobs {
        nodes = List.copyOf(nodes);
    }

    /** The Job's name for {@code node}: {@code kpbench-lab-<commit>-<node>}, shortened with a hash past 63. */
    public String jobName(String node) {
        String base = "kpbench-lab-" + source.shortCommit() + "-" + node.toLowerCase(Locale.ROOT).replace('.', '-');
        if (base.length() <= MAX_NAME) {
            return base;
        }
        CRC32 crc = new CRC32();
        crc.update(node.getBytes(StandardCharsets.UTF_8));
        String hash = String.format("%08x", crc.getValue());
        return base.substring(0, MAX_NAME - 9).replaceAll("-+$", "") + "-" + hash;
    }

    /** One Job per node, in the order given. */
    public List<Job> jobs() {
        List<Job> all = new ArrayList<>();
        for (String node : nodes) {
            all.add(job(node));
        }
        return all;
    }

    private Job job(String node) {
        String name = jobName(node);
        Map<String, String> labels = PodParts.labels("lab", name);
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec()
                .withCompletions(1).withParallelism(1)
                .withBackoffLimit(0).withPodFailurePolicy(PodParts.retryDisruptionsOnly())
                .withTtlSecondsAfterFinished(BenchJob.TTL_SECONDS)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withHostNetwork(false).withHostPID(false).withHostIPC(false)
                .withNodeSelector(Map.of(PodParts.HOSTNAME, node))
                .addNewContainer()
                .withName("kernel-lab").withImage(source.image())
                .withCommand("/bin/bash", "-c", PodScripts.lab(source, holdSeconds))
                .withResources(PodParts.guaranteed(cpu, memory))
                .withEnv(PodParts.nodeName())
                .withNewSecurityContext().withPrivileged(true).endSecurityContext()
                .addNewVolumeMount().withName(PodParts.RESULTS_VOLUME).withMountPath(PodScripts.RESULTS)
                .endVolumeMount()
                .addNewVolumeMount().withName("lib-modules").withMountPath("/lib/modules").withReadOnly(true)
                .endVolumeMount()
                .withReadinessProbe(holdSeconds > 0 ? PodParts.doneProbe(PodScripts.LAB_TAG) : null)
                .endContainer()
                .addToVolumes(PodParts.results(null))
                .addNewVolume().withName("lib-modules").withNewHostPath().withPath("/lib/modules")
                .withType("Directory").endHostPath().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The kubectl commands, in order: apply, wait, copy each node's results out, clean up. */
    public List<String> commands(String file, String outDir, String timeout) {
        String k = "kubectl -n " + namespace + " ";
        List<String> c = new ArrayList<>();
        c.add("kubectl apply -f " + file);
        c.add("mkdir -p " + outDir);
        StringBuilder jobs = new StringBuilder();
        for (String node : nodes) {
            String name = jobName(node);
            String sel = PodParts.RUN_LABEL + "=" + name;
            String pod = "$(" + k + "get pod -l " + sel + " -o jsonpath='{.items[0].metadata.name}')";
            c.add(k + "wait --for=jsonpath='{.status.active}'=1 job/" + name + " --timeout=30m && " + k
                    + "wait --for=condition=ready pod -l " + sel + " --timeout=" + timeout);
            c.add("pod=" + pod + "; " + k + "cp \"$pod:" + PodScripts.RESULTS + "/lab\" " + outDir + "/" + node
                    + " && " + k + "cp \"$pod:" + PodScripts.RESULTS + "/lab.log\" " + outDir + "/" + node
                    + ".log && " + k + "exec \"$pod\" -- touch " + PodScripts.RESULTS + "/lab.copied");
            jobs.append(' ').append(name);
        }
        c.add(k + "delete job" + jobs);
        return c;
    }
}
