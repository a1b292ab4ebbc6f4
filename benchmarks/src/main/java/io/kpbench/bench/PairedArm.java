package io.kpbench.bench;

import java.util.List;
import java.util.Locale;

/**
 * The arms of {@link PairedFirstPacketBenchmark}: what is measured in one of its short iterations. Each arm is a
 * plane (the harness floor, a proxy mode's first packet, or the conntrack hit of an established packet) in one
 * of two variants: {@code independent} packets (the out-of-order core overlaps one packet's cache misses with the
 * next's: throughput per packet) or {@code dependent} ones (each packet's index depends on the previous result:
 * latency per packet).
 *
 * <p>The ordinal is the arm's case in the benchmark's dispatch; the names are those of the per-arm secondary
 * metrics in {@code jmh.json} and of {@code ratios.csv} and {@code arms.csv}.
 */
enum PairedArm {
    BASELINE_INDEPENDENT, BASELINE_DEPENDENT,
    IPTABLES_INDEPENDENT, IPTABLES_DEPENDENT,
    NFTABLES_INDEPENDENT, NFTABLES_DEPENDENT,
    IPVS_INDEPENDENT, IPVS_DEPENDENT,
    EBPF_INDEPENDENT, EBPF_DEPENDENT,
    USERSPACE_INDEPENDENT, USERSPACE_DEPENDENT,
    ESTABLISHED_INDEPENDENT, ESTABLISHED_DEPENDENT;

    /** Every arm, in dispatch order. */
    static final List<PairedArm> ALL = List.of(values());
    /** The arm every proxy mode is compared with in {@code ratios.csv}. */
    static final String REFERENCE = "nftables";
    /** The arm every first packet is also compared with: the conntrack hit. */
    static final String ESTABLISHED = "established";

    /** The plane: {@code baseline}, a proxy mode's lower-case name, or {@code established}. */
    String plane() {
        String n = name();
        return n.substring(0, n.lastIndexOf('_')).toLowerCase(Locale.ROOT);
    }

    /** {@code independent} or {@code dependent}. */
    String variant() {
        String n = name();
        return n.substring(n.lastIndexOf('_') + 1).toLowerCase(Locale.ROOT);
    }

    /** The secondary metric's name in {@code jmh.json}: {@code iptablesDependent}. */
    String metric() {
        String v = variant();
        return plane() + Character.toUpperCase(v.charAt(0)) + v.substring(1);
    }

    /** The arm of {@code plane} in {@code variant}, or null. */
    static PairedArm of(String plane, String variant) {
        for (PairedArm a : ALL) {
            if (a.plane().equals(plane) && a.variant().equals(variant)) {
                return a;
            }
        }
        return null;
    }
}
