package io.kpbench.cli.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sweep as a Kubernetes Indexed Job: N pods, each running README's bench command for shard
 * {@code JOB_COMPLETION_INDEX+1} of N on a node of its own (required pod anti-affinity over
 * {@code kubernetes.io/hostname}), with requests equal to limits (Guaranteed QoS).
 *
 * <p>Upstream: Indexed Jobs (KEP-2214, GA in Kubernetes 1.24), the per-index backoff limit (KEP-3850, 1.29 beta)
 * and the pod failure policy (KEP-3329, 1.31 GA).
 *
 * @param name the Job's name
 * @param namespace the namespace it runs in
 * @param shards N: completions and parallelism
 * @param profile the bench profile: smoke, quick or full
 * @param cpu whole cores per shard, requested and limited
 * @param memory memory per shard, requested and limited
 * @param nodeSelector labels the nodes must carry (may be empty)
 * @param pvc a claim for the results (must be ReadWriteMany: the shards run on different nodes), or null for an
 *     emptyDir per pod held until copied
 * @param holdSeconds how long a pod holds its emptyDir after the bench, waiting for the copy
 * @param source what the pods clone and run
 */
public record BenchJob(String name, String namespace, int shards, String profile, String cpu, String memory,
        Map<String, String> nodeSelector, String pvc, int holdSeconds, Source source) {
    /** Finished Jobs (and their pods) are deleted by the TTL controller a day later. */
    static final int TTL_SECONDS = 86_400;

    /** Copies the selector. */
    public BenchJob {
        nodeSelector = Map.copyOf(nodeSelector);
    }

    /** The name of the helper pod that mounts the claim (with {@code --pvc}). */
    public String helperPod() {
        return name + "-results";
    }

    /** The objects to apply: the Job, and with a claim the helper pod that reads it. */
    public List<HasMetadata> objects() {
        List<HasMetadata> all = new ArrayList<>();
        all.add(job());
        if (pvc != null) {
            all.add(helper());
        }
        return all;
    }

    /** The Indexed Job. */
    public Job job() {
        Map<String, String> labels = PodParts.labels("bench", name);
        int hold = pvc == null ? holdSeconds : 0;
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec()
                .withCompletionMode("Indexed").withCompletions(shards).withParallelism(shards)
                .withBackoffLimitPerIndex(0).withPodFailurePolicy(PodParts.retryDisruptionsOnly())
                .withTtlSecondsAfterFinished(TTL_SECONDS)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withHostNetwork(false)
                .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
                .withNewAffinity().withNewPodAntiAffinity().addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withTopologyKey(PodParts.HOSTNAME)
                .withNewLabelSelector().withMatchLabels(Map.of(PodParts.RUN_LABEL, name)).endLabelSelector()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity()
                .addNewContainer()
                .withName("bench").withImage(source.image())
                .withCommand("/bin/bash", "-c", PodScripts.bench(source, profile, shards, hold))
                .withResources(PodParts.guaranteed(cpu, memory))
                .withEnv(PodParts.nodeName())
                .withNewSecurityContext().withPrivileged(false).withAllowPrivilegeEscalation(false)
                .endSecurityContext()
                .addNewVolumeMount().withName(PodParts.RESULTS_VOLUME).withMountPath(PodScripts.RESULTS)
                .endVolumeMount()
                .withReadinessProbe(hold > 0 ? PodParts.doneProbe(PodScripts.SHARD_TAG) : null)
                .endContainer()
                .withVolumes(PodParts.results(pvc))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** A pod that only mounts the claim, for {@code kubectl cp} after the Job has completed. */
    private Pod helper() {
        return new PodBuilder()
                .withNewMetadata().withName(helperPod()).withNamespace(namespace)
                .withLabels(PodParts.labels("results", name)).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer().withName("results").withImage(source.image())
                .withCommand("sleep", String.valueOf(TTL_SECONDS))
                .withResources(PodParts.guaranteed("1", "256Mi"))
                .withNewSecurityContext().withPrivileged(false).withAllowPrivilegeEscalation(false)
                .endSecurityContext()
                .addNewVolumeMount().withName(PodParts.RESULTS_VOLUME).withMountPath(PodScripts.RESULTS)
                .endVolumeMount()
                .endContainer()
                .withVolumes(PodParts.results(pvc))
                .endSpec()
                .build();
    }

    /** The kubectl commands, in order: apply, wait, copy each shard out, merge, clean up. */
    public List<String> commands(String file, String outDir, String timeout) {
        String k = "kubectl -n " + namespace + " ";
        String sel = PodParts.RUN_LABEL + "=" + name;
        List<String> c = new ArrayList<>();
        c.add("kubectl apply -f " + file);
        c.add("mkdir -p " + outDir);
        StringBuilder shardDirs = new StringBuilder();
        for (int i = 1; i <= shards; i++) {
            shardDirs.append(' ').append(outDir).append("/shard-").append(i);
        }
        if (pvc == null) {
            c.add(k + "wait --for=jsonpath='{.status.active}'=" + shards + " job/" + name + " --timeout=30m");
            c.add(k + "wait --for=condition=ready pod -l " + sel + " --timeout=" + timeout);
            c.add("for i in $(seq 1 " + shards + "); do pod=$(" + k + "get pod -l " + sel + "," + PodParts.INDEX_LABEL
                    + "=$((i-1)) -o jsonpath='{.items[0].metadata.name}'); " + k + "cp \"$pod:" + PodScripts.RESULTS
                    + "/shard-$i\" " + outDir + "/shard-$i && " + k + "cp \"$pod:" + PodScripts.RESULTS
                    + "/shard-$i.log\" " + outDir + "/shard-$i.log && " + k + "exec \"$pod\" -- touch "
                    + PodScripts.RESULTS + "/shard-$i.copied; done");
            c.add(k + "wait --for=condition=complete job/" + name + " --timeout=10m");
        } else {
            c.add(k + "wait --for=condition=complete job/" + name + " --timeout=" + timeout);
            c.add("for i in $(seq 1 " + shards + "); do " + k + "cp " + helperPod() + ":" + PodScripts.RESULTS
                    + "/shard-$i " + outDir + "/shard-$i; done");
        }
        c.add("scripts/merge.sh " + outDir + "/merged" + shardDirs);
        c.add(k + "delete job " + name + (pvc == null ? "" : " && " + k + "delete pod " + helperPod()));
        return c;
    }
}
