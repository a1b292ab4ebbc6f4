/**
 * What kube-proxy's IPVS proxier keeps in netfilter next to IPVS: its ipsets ({@code KUBE-CLUSTER-IP},
 * {@code KUBE-LOOP-BACK}, ...) and the constant set of iptables rules that match them, evaluated per packet and
 * written as iptables-restore text. Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go}
 * ({@code writeIptablesRules}) and {@code pkg/proxy/ipvs/ipset.go}.
 * <p>Versions followed: kube-proxy v1.33, Linux 6.12 ({@link io.kpbench.common.ModelVersions}).
 */
package io.kpbench.proxy.ipvs.companion;
