package io.kpbench.cli.k8s;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pieces both Jobs share: labels, Guaranteed resources, the results volume, the probe and the retry rule. */
final class PodParts {
    /** The label every pod of one run carries, with the Job's name: the anti-affinity and kubectl select on it. */
    static final String RUN_LABEL = "kpbench.io/run";
    /** The node label the lab pins on and the bench spreads over. */
    static final String HOSTNAME = "kubernetes.io/hostname";
    /** The label Kubernetes (1.28+) puts on each pod of an Indexed Job: its completion index. */
    static final String INDEX_LABEL = "batch.kubernetes.io/job-completion-index";
    /** The results volume's name. */
    static final String RESULTS_VOLUME = "results";

    private PodParts() {
    }

    static Map<String, String> labels(String component, String run) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("app.kubernetes.io/name", "kpbench");
        m.put("app.kubernetes.io/component", component);
        m.put(RUN_LABEL, run);
        return m;
    }

    /**
     * {@code NODE_NAME} from the downward API ({@code spec.nodeName}): the bench driver records it in run.json
     * ({@code host.node}), so a merged report names the node each shard ran on.
     */
    static EnvVar nodeName() {
        return new EnvVarBuilder().withName("NODE_NAME").withNewValueFrom().withNewFieldRef()
                .withFieldPath("spec.nodeName").endFieldRef().endValueFrom().build();
    }

    /** Requests equal to limits for cpu and memory: the Guaranteed QoS class (whole cores under a static policy). */
    static ResourceRequirements guaranteed(String cpu, String memory) {
        Map<String, Quantity> q = new LinkedHashMap<>();
        q.put("cpu", new Quantity(cpu));
        q.put("memory", new Quantity(memory));
        return new ResourceRequirementsBuilder().withRequests(new LinkedHashMap<>(q)).withLimits(q).build();
    }

    /** An emptyDir, or the named claim when {@code pvc} is given. */
    static Volume results(String pvc) {
        VolumeBuilder v = new VolumeBuilder().withName(RESULTS_VOLUME);
        return pvc == null ? v.withNewEmptyDir().endEmptyDir().build()
                : v.withNewPersistentVolumeClaim().withClaimName(pvc).endPersistentVolumeClaim().build();
    }

    /** Ready once the step has written {@code <tag>.done}: the copy can start. */
    static Probe doneProbe(String tag) {
        return new ProbeBuilder().withNewExec().withCommand("sh", "-c", PodScripts.doneTest(tag)).endExec()
                .withPeriodSeconds(15).build();
    }

    /** A pod evicted or preempted (condition DisruptionTarget) is retried; a failed step is not. */
    static PodFailurePolicy retryDisruptionsOnly() {
        return new PodFailurePolicyBuilder().addNewRule().withAction("Ignore")
                .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition()
                .endRule().build();
    }
}
