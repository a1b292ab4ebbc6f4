package io.kpbench.proxy.ebpf.maps;

/**
 * The bytes one node's BPF load-balancing maps hold, counted from Cilium's key and value layouts (element payload
 * only: the kernel's per-element hash-table header and a preallocated map's unused slots are not counted).
 * Layouts are Cilium 1.15's {@code bpf/lib/common.h} and {@code bpf/lib/maglev.h} (the same sizes through 1.19):
 * <ul>
 *   <li>service map {@code cilium_lb4_services_v2}: key {@code lb4_key} 12 B (address 4, dport 2, backend_slot 2,
 *       proto 1, scope 1, pad 2), value {@code lb4_service} 12 B; IPv6 key {@code lb6_key} 24 B;</li>
 *   <li>backend map {@code cilium_lb4_backends_v3}: key 4 B, value {@code lb4_backend} 12 B (IPv6 24 B);</li>
 *   <li>rev-NAT map {@code cilium_lb4_reverse_nat}: key 2 B, value {@code lb4_reverse_nat} 6 B packed (IPv6
 *       18 B), one per rev-NAT id, that is per frontend address;</li>
 *   <li>source ranges {@code cilium_lb4_source_range} (LPM trie): key 12 B (prefix length 4, rev-NAT id 2, pad 2,
 *       address 4; IPv6 24 B), value 1 B;</li>
 *   <li>Maglev: the outer {@code cilium_lb4_maglev} (hash of maps) entry, key 4 B (the rev-NAT id as the
 *       {@code __u32} index {@code lb4_select_backend_id_maglev} looks up), value 4 B (the inner map), and the inner
 *       array of one element holding M backend ids of 4 B: {@code 16381 × 4 B ≈ 64 KiB} per frontend at the default
 *       M.</li>
 * </ul>
 * So a LoadBalancer or NodePort service's Maglev memory grows with its frontend count (node addresses + VIPs +
 * external IPs), not with its service ports.
 *
 * @param services service-map bytes (masters, backend slots and wildcard entries)
 * @param backends backend-map bytes
 * @param revNat rev-NAT map bytes
 * @param sourceRanges source-range map bytes
 * @param maglevTables Maglev tables (one per frontend address with Maglev)
 * @param maglev Maglev bytes: outer entries plus inner tables
 * @param frontends frontends with a rev-NAT id: every ClusterIP, NodePort address, LB VIP and external IP port
 */
public record LbMapBytes(long services, long backends, long revNat, long sourceRanges, int maglevTables,
        long maglev, long frontends) {

    /** Bytes of one Maglev slot: a 32-bit backend id. */
    public static final int MAGLEV_SLOT_BYTES = 4;

    /**
     * Counts the maps of one family from their element counts; {@code maglevSlots} is M summed over the
     * {@code maglevTables} tables.
     */
    public static LbMapBytes of(boolean v4, long serviceEntries, long backendEntries, long revNats, long prefixes,
            int maglevTables, long maglevSlots) {
        int addr = v4 ? 4 : 16;
        long serviceEntry = (addr + 8) + 12;
        long backendEntry = 4 + (addr + 8);
        long revNatEntry = 2 + (addr + 2);
        long prefixEntry = (8 + addr) + 1;
        long outerEntry = 4 + 4;
        long innerKey = 4;
        return new LbMapBytes(serviceEntries * serviceEntry, backendEntries * backendEntry, revNats * revNatEntry,
                prefixes * prefixEntry, maglevTables,
                maglevTables * (outerEntry + innerKey) + maglevSlots * MAGLEV_SLOT_BYTES, revNats);
    }

    /** The sum over the maps. */
    public long total() {
        return services + backends + revNat + sourceRanges + maglev;
    }
}
