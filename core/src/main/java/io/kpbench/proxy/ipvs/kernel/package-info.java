/**
 * The Linux kernel's IPVS structures as primitive arrays: the chained virtual-server table
 * ({@code ip_vs_svc_table}, 2^8 buckets), the real-server pool ({@code struct ip_vs_dest}), the chained connection
 * table ({@code ip_vs_conn_tab}, 2^12 buckets; per-packet state), the scheduler-module interface, the netlink
 * operations that edit them, and the kernel's own hashes ({@code ip_vs_svc_hashkey}, jhash, {@code hash_32},
 * hsiphash). Source: Linux {@code net/netfilter/ipvs} ({@code ip_vs_ctl.c}, {@code ip_vs_conn.c}).
 */
package io.kpbench.proxy.ipvs.kernel;
