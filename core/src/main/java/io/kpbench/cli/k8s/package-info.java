/**
 * The Kubernetes Jobs of {@code kpbench k8s-bench} and {@code kpbench k8s-lab}, built with the fabric8 model and
 * written as YAML for {@code kubectl apply}: kpbench schedules nothing itself. The bench is an Indexed Job whose
 * completion index picks the shard ({@code -Dbench.shard=I/N}); the lab is one privileged Job per node that runs
 * the kernel lab inside network namespaces it creates. Each pod keeps its results on a volume and holds them
 * until {@code kubectl cp} has copied them out.
 */
package io.kpbench.cli.k8s;
