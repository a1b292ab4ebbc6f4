/**
 * kube-proxy's IPVS reconciliation: what one Service needs ({@link io.kpbench.proxy.ipvs.sync.DesiredService}),
 * applied to the kernel and the ipsets as the difference from what it had
 * ({@link io.kpbench.proxy.ipvs.sync.ServiceSync}), with graceful termination of removed real servers
 * ({@link io.kpbench.proxy.ipvs.sync.GracefulTermination}). Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go}
 * ({@code syncService}, {@code syncEndpoint}, {@code cleanLegacyService}) and {@code graceful_termination.go}.
 * <p>Versions followed: kube-proxy v1.33 ({@link io.kpbench.common.ModelVersions}).
 */
package io.kpbench.proxy.ipvs.sync;
