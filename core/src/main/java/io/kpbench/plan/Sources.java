package io.kpbench.plan;

/**
 * The limits {@code kpbench plan} checks, each with the upstream source of its default; the texts go into the
 * output beside each row.
 */
public final class Sources {
    /** Cilium {@code --bpf-lb-map-max}: entries of each of the service, backend and affinity maps. */
    public static final int CILIUM_LB_MAP_MAX = 65_536;
    /** Cilium's service (rev-NAT) ID space: IDs are 16 bits, 0 reserved. */
    public static final int CILIUM_SERVICE_IDS = 65_535;
    /** Cilium {@code --bpf-lb-maglev-table-size} default M. */
    public static final int MAGLEV_M = 16_381;
    /** Bytes per Maglev table slot: a 32-bit backend ID. */
    public static final int MAGLEV_SLOT_BYTES = 4;
    /** IPVS service hash buckets: {@code IP_VS_SVC_TAB_SIZE = 1 << IP_VS_SVC_TAB_BITS (8)}. */
    public static final int IPVS_SVC_TAB_SIZE = 256;

    static final String CONNTRACK_MAX = "kube-proxy --conntrack-max-per-core 32768, --conntrack-min 131072 "
            + "(cmd/kube-proxy/app/conntrack.go): nf_conntrack_max = max(32768 x cores, 131072)";
    static final String CONNTRACK_SHORT = "kernel nf_conntrack-sysctl.rst: TCP TIME_WAIT 120 s after a close, "
            + "nf_conntrack_udp_timeout_stream 120 s";
    static final String CONNTRACK_OPEN = "kube-proxy --conntrack-tcp-timeout-established 24h (86400 s) for "
            + "connections left open";
    static final String LB_MAP = "Cilium docs, --bpf-lb-map-max (default 65536); cilium/cilium#12815";
    static final String SERVICE_IDS = "Cilium service (rev-NAT) IDs are 16-bit: pkg/service/id.go MaxSetOfServiceID "
            + "0xFFFF";
    static final String NODE_PORTS = "kube-apiserver --service-node-port-range (default 30000-32767, 2768 ports)";
    static final String MAGLEV = "Cilium docs, Maglev: M (--bpf-lb-maglev-table-size, default 16381) x 4 B per "
            + "frontend";
    static final String IPTABLES = "model: full iptables-restore input of this cluster; 695,992 lines took 12.8 s "
            + "in kubernetes/kubernetes#96018";
    static final String IPTABLES_BYTES = "model: full iptables-restore input; grown, an upper bound (kube-proxy "
            + "drops the KUBE-SEP comments past 1000 endpoints)";
    static final String NFTABLES = "model: the nftables proxier's full-sync transaction";
    static final String IPVS = "kernel ip_vs_ctl.c: IP_VS_SVC_TAB_SIZE 256 buckets";
    static final String MEMORY = "not measured per service and per endpoint (the benchmarks' memory.csv measures "
            + "retained bytes at 10 endpoints per service only)";

    private Sources() {
    }
}
