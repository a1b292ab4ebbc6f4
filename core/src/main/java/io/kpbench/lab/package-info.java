/**
 * The kernel lab: loads the rulesets the model renders into the real Linux netfilter (iptables-nft,
 * iptables-legacy, nftables) inside private network namespaces named {@code kpblab-<run id>-<role>}, measures
 * first-packet, established and programming latency, and puts the kernel's figures beside the model's. The host
 * namespace's rules, addresses and routes are read before and after every run and must not change.
 */
package io.kpbench.lab;
