/**
 * The IPVS scheduling modules kube-proxy can select with {@code --ipvs-scheduler}: rr, wrr, lc, wlc, lblc, lblcr,
 * sh, dh, sed, nq and mh, each after its Linux {@code net/netfilter/ipvs/ip_vs_<name>.c}. O(1) per pick for rr
 * (unless servers are quiesced), sh, dh and mh; O(real servers) for wrr's passes and the least-connection family.
 * <p>Versions followed: Linux 6.12 ({@link io.kpbench.common.ModelVersions}).
 */
package io.kpbench.proxy.ipvs.sched;
