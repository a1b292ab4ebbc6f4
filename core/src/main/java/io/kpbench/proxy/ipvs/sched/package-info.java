/**
 * The IPVS scheduling modules kube-proxy can select with {@code --ipvs-scheduler}: rr, wrr, lc, wlc, lblc, lblcr,
 * sh, dh, sed, nq and mh, each after its Linux {@code net/netfilter/ipvs/ip_vs_<name>.c} (Linux 6.12: sh fills
 * its 256 buckets by weight, {@code ip_vs_sh_reassign}; dh gives each destination one bucket per turn whatever
 * its weight, {@code ip_vs_dh_reassign}). O(1) per pick for rr
 * (unless servers are quiesced), sh, dh and mh; O(real servers) for wrr's passes and the least-connection family.
 * <p>Versions followed: Linux 6.12 ({@link io.kpbench.common.ModelVersions}).
 */
package io.kpbench.proxy.ipvs.sched;
