/**
 * The Linux kernel's IPVS structures as primitive arrays: the chained virtual-server table
 * ({@code ip_vs_svc_table}, 2^8 buckets), the real-server pool ({@code struct ip_vs_dest}), the chained connection
 * table ({@code ip_vs_conn_tab}, 2^12 buckets; per-packet state), the scheduler-module interface, the netlink
 * operations that edit them, and the kernel's own hashes ({@code ip_vs_svc_hashkey}, jhash, {@code hash_32},
 * hsiphash). Source: Linux {@code net/netfilter/ipvs} ({@code ip_vs_ctl.c}, {@code ip_vs_conn.c}).
 *
 * <p>Persistence templates follow Linux 6.12 {@code ip_vs_conn.c}: {@code ip_vs_ct_in_get} checks no expiry, and
 * {@code ip_vs_conn_expire} re-arms a template that still controls connections for 60 s (and makes 60 s its
 * timeout for later uses), so a ClientIP-affinity client keeps its endpoint while any of its connections lives,
 * however short the persistence timeout. The connection table takes 2^8 to 2^27 buckets (Kconfig
 * {@code IP_VS_TAB_BITS} on 64-bit, Linux 6.4 and later).
 *
 * <p>Connection counting follows Linux 6.12: every new connection is bound inactive ({@code __ip_vs_update_dest}
 * sets {@code IP_VS_CONN_F_INACTIVE} in each destination's {@code conn_flags}, {@code ip_vs_bind_dest} copies it),
 * and only a TCP or SCTP move to ESTABLISHED makes one active. A UDP connection therefore stays inactive: it
 * weighs 1 (not 256) for lc/wlc, and sed/nq, which count active connections only, see its destination as idle.
 * This changes only which endpoint these schedulers pick, not verdicts, so it has no row in the README's "How
 * the modes differ" table.
 * <p>Versions followed: Linux 6.12 ({@link io.kpbench.common.ModelVersions}).
 */
package io.kpbench.proxy.ipvs.kernel;
