package io.kpbench.plan;

/**
 * The limits {@code kpbench plan} checks, with Cilium's and the kernel's defaults; {@link Citation} names the
 * upstream source of each, beside its row in the output.
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

    private Sources() {
    }
}
