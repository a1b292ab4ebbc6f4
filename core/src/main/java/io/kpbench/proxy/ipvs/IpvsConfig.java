package io.kpbench.proxy.ipvs;

import io.kpbench.proxy.ipvs.kernel.IpvsScheduler;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;
import io.kpbench.proxy.ipvs.sched.DestinationHashingScheduler;
import io.kpbench.proxy.ipvs.sched.LeastConnectionScheduler;
import io.kpbench.proxy.ipvs.sched.LocalityBasedLeastConnectionReplicationScheduler;
import io.kpbench.proxy.ipvs.sched.LocalityBasedLeastConnectionScheduler;
import io.kpbench.proxy.ipvs.sched.MaglevTable;
import io.kpbench.proxy.ipvs.sched.RoundRobinScheduler;
import io.kpbench.proxy.ipvs.sched.SourceHashingScheduler;
import io.kpbench.proxy.ipvs.sched.WeightedRoundRobinScheduler;
import java.util.List;

/**
 * The settings of an IPVS data plane: kube-proxy's {@code --ipvs-scheduler} and the kernel's compile-time
 * table sizes.
 *
 * <p>Sources: kube-proxy {@code pkg/proxy/ipvs/proxier.go} (default scheduler {@code rr}); Linux
 * {@code ip_vs_ctl.c} ({@code IP_VS_SVC_TAB_BITS = 8}), {@code ip_vs_conn.c} ({@code ip_vs_conn_tab_bits},
 * module parameter {@code conn_tab_bits}, default {@code CONFIG_IP_VS_TAB_BITS = 12}) and {@code ip_vs_mh.c}
 * (primes table, {@code CONFIG_IP_VS_MH_TAB_INDEX = 12} => 4093). The connection-table bits take the range of
 * Linux 6.12's Kconfig {@code IP_VS_TAB_BITS} on 64-bit, 8..27 (20 before Linux 6.4 and on 32-bit);
 * {@code ip_vs_conn_init} also clamps the module parameter to what the machine's memory allows, which this model
 * does not. Here 27 bits cost 512 MiB of bucket heads (4-byte ints; the kernel's are 8-byte pointers).
 *
 * @param scheduler rr, wrr, lc, wlc, lblc, lblcr, sh, dh, sed, nq or mh
 * @param svcTabBits log2 of the virtual-server bucket count (8 => 256 buckets)
 * @param connTabBits log2 of the connection-table bucket count (12 => 4096 buckets)
 * @param mhTableSize the Maglev table size, one of the kernel's primes
 * @param connHashSeed {@code ip_vs_conn_rnd} (random at module load in the kernel; fixed here)
 * @param connPoolSize connection entries preallocated before the first grow
 */
public record IpvsConfig(String scheduler, int svcTabBits, int connTabBits, int mhTableSize, int connHashSeed,
        int connPoolSize) {

    /** The fewest connection-table bits: Kconfig {@code IP_VS_TAB_BITS} {@code range 8 27 if 64BIT}. */
    public static final int MIN_CONN_TAB_BITS = 8;
    /** The most connection-table bits on a 64-bit kernel (Linux 6.4 and later; 20 before). */
    public static final int MAX_CONN_TAB_BITS = 27;

    /** Every scheduler the model implements. */
    public static final List<String> SCHEDULERS =
            List.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "sh", "dh", "sed", "nq", "mh");

    /** Validates the fields. */
    public IpvsConfig {
        if (!SCHEDULERS.contains(scheduler)) {
            throw new IllegalArgumentException("unknown IPVS scheduler '" + scheduler + "' (valid: " + SCHEDULERS + ")");
        }
        if (svcTabBits < 1 || svcTabBits > 20) {
            throw new IllegalArgumentException("svcTabBits must be 1..20, not " + svcTabBits);
        }
        if (connTabBits < MIN_CONN_TAB_BITS || connTabBits > MAX_CONN_TAB_BITS) {
            throw new IllegalArgumentException("connTabBits must be " + MIN_CONN_TAB_BITS + ".." + MAX_CONN_TAB_BITS
                    + " (Linux IP_VS_TAB_BITS on 64-bit), not " + connTabBits);
        }
        MaglevTable.mhTabIndex(mhTableSize);
        if (connPoolSize < 16) {
            throw new IllegalArgumentException("connPoolSize must be at least 16");
        }
    }

    /** The kernel defaults with scheduler {@code rr}. */
    public static IpvsConfig defaults() {
        return new IpvsConfig("rr", 8, 12, 4093, 0, 1 << 16);
    }

    /** A copy with another scheduler. */
    public IpvsConfig withScheduler(String name) {
        return new IpvsConfig(name, svcTabBits, connTabBits, mhTableSize, connHashSeed, connPoolSize);
    }

    /** A copy with another virtual-server table size. */
    public IpvsConfig withSvcTabBits(int bits) {
        return new IpvsConfig(scheduler, bits, connTabBits, mhTableSize, connHashSeed, connPoolSize);
    }

    /** A copy with another connection-table size ({@code conn_tab_bits}). */
    public IpvsConfig withConnTabBits(int bits) {
        return new IpvsConfig(scheduler, svcTabBits, bits, mhTableSize, connHashSeed, connPoolSize);
    }

    /** A copy with another Maglev table size. */
    public IpvsConfig withMhTableSize(int size) {
        return new IpvsConfig(scheduler, svcTabBits, connTabBits, size, connHashSeed, connPoolSize);
    }

    /** A new scheduler module of this config's kind over the given tables. */
    public IpvsScheduler newScheduler(VirtualServerTable vst, RealServerPool rs) {
        return switch (scheduler) {
            case "rr" -> new RoundRobinScheduler(vst, rs);
            case "wrr" -> new WeightedRoundRobinScheduler(vst, rs);
            case "lc" -> LeastConnectionScheduler.lc(vst, rs);
            case "wlc" -> LeastConnectionScheduler.wlc(vst, rs);
            case "lblc" -> new LocalityBasedLeastConnectionScheduler(vst, rs);
            case "lblcr" -> new LocalityBasedLeastConnectionReplicationScheduler(vst, rs);
            case "sh" -> new SourceHashingScheduler(vst, rs);
            case "dh" -> new DestinationHashingScheduler(vst, rs);
            case "sed" -> LeastConnectionScheduler.sed(vst, rs);
            case "nq" -> LeastConnectionScheduler.nq(vst, rs);
            case "mh" -> new MaglevTable(vst, rs, mhTableSize);
            default -> throw new AssertionError(scheduler);
        };
    }
}
