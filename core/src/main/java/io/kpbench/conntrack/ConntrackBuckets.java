package io.kpbench.conntrack;

/**
 * The conntrack hash bucket count H ({@code nf_conntrack_htable_size}, sysfs {@code nf_conntrack/parameters/hashsize})
 * of a node: the kernel's default, then kube-proxy's raise. H sets the chain length a lookup walks, about
 * {@code 2·N/H} tuples for N tracked connections, each connection being hashed twice.
 *
 * <p>Sources, for a 64-bit kernel with 4 KiB pages:
 * <ul>
 *   <li>Linux {@code nf_conntrack_core.c nf_conntrack_init_start}, the default when no {@code hashsize} is given.
 *       Since 5.15 (commit d532bcd0b269, "sanitize table size default settings"; unchanged in 6.12): RAM / 16384 /
 *       {@code sizeof(struct hlist_nulls_head)}, replaced by 262,144 above 4 GiB and by 65,536 above 1 GiB, at least
 *       1,024, and {@code nf_conntrack_max} = H ("a max. factor of one ... to keep the average hash chain length at
 *       2 entries"). Before 5.15: the same quotient, replaced by 65,536 above 4 GiB and by 16,384 above 1 GiB, at
 *       least 32, and {@code nf_conntrack_max} = 4·H.</li>
 *   <li>Linux {@code nf_ct_alloc_hashtable}: the count is rounded up to whole pages of 8-byte heads (a multiple of
 *       512), both at boot and when {@code hashsize} is written ({@code nf_conntrack_hash_resize}).</li>
 *   <li>kube-proxy v1.33 {@code cmd/kube-proxy/app/conntrack.go realConntracker.SetMax}: after setting
 *       {@code nf_conntrack_max} (see {@link ConntrackLimits}) it reads {@code hashsize} and writes {@code max/4}
 *       only when the current value is smaller ({@code if hashsize >= (max / 4) return nil}).</li>
 * </ul>
 * So a kube-proxy node with more than 4 GiB keeps 262,144 buckets on Linux 5.15 and later up to
 * {@code nf_conntrack_max} = 1,048,576 (32 cores at kube-proxy's defaults), and 65,536 on older kernels up to
 * 262,144 (8 cores); above, H is max/4.
 */
public final class ConntrackBuckets {
    /** The heads in one 4 KiB page ({@code PAGE_SIZE / sizeof(struct hlist_nulls_head)}). */
    public static final int HEADS_PER_PAGE = 512;
    /** The node memory the fixed defaults are chosen above: 4 GiB. */
    public static final long FOUR_GIB = 4L << 30;
    private static final long ONE_GIB = 1L << 30;

    /** Which {@code nf_conntrack_init_start} default a kernel has: it changed in 5.15. */
    public enum Kernel {
        /** Before Linux 5.15: 65,536 buckets above 4 GiB, 16,384 above 1 GiB, at least 32; max = 4·H. */
        BEFORE_5_15(65_536, 16_384, 32, 4),
        /** Linux 5.15 and later: 262,144 buckets above 4 GiB, 65,536 above 1 GiB, at least 1,024; max = H. */
        SINCE_5_15(262_144, 65_536, 1_024, 1);

        private final int above4GiB;
        private final int above1GiB;
        private final int floor;
        private final int maxFactor;

        Kernel(int above4GiB, int above1GiB, int floor, int maxFactor) {
            this.above4GiB = above4GiB;
            this.above1GiB = above1GiB;
            this.floor = floor;
            this.maxFactor = maxFactor;
        }
    }

    private ConntrackBuckets() {
    }

    /** The kernel's default bucket count on a 64-bit machine with {@code ramBytes} of memory. */
    public static int kernelDefault(Kernel kernel, long ramBytes) {
        if (ramBytes <= 0) {
            throw new IllegalArgumentException("memory must be positive: " + ramBytes);
        }
        long h = ramBytes / 16_384 / 8;
        if (ramBytes > FOUR_GIB) {
            h = kernel.above4GiB;
        } else if (ramBytes > ONE_GIB) {
            h = kernel.above1GiB;
        }
        return roundUpToPages((int) Math.max(h, kernel.floor));
    }

    /** The {@code nf_conntrack_max} the kernel pairs with its default bucket count {@code buckets}. */
    public static int kernelDefaultMax(Kernel kernel, int buckets) {
        return (int) Math.min(Integer.MAX_VALUE, (long) kernel.maxFactor * buckets);
    }

    /**
     * The bucket count after kube-proxy set {@code nf_conntrack_max} to {@code conntrackMax} on a kernel with
     * {@code buckets}: unchanged when at least {@code conntrackMax / 4}, else {@code conntrackMax / 4} rounded up
     * to whole pages of heads.
     */
    public static int afterKubeProxy(int buckets, int conntrackMax) {
        int quarter = conntrackMax / 4;
        return buckets >= quarter ? buckets : roundUpToPages(quarter);
    }

    /**
     * The bucket count of a kube-proxy node: a 64-bit {@code kernel} with more than 4 GiB (as every node kpbench
     * models), whose {@code nf_conntrack_max} kube-proxy set to {@code conntrackMax}.
     */
    public static int kubeProxyNode(Kernel kernel, int conntrackMax) {
        return afterKubeProxy(kernelDefault(kernel, FOUR_GIB + 1), conntrackMax);
    }

    /** {@code n} rounded up to a multiple of {@link #HEADS_PER_PAGE}, as {@code nf_ct_alloc_hashtable} does. */
    public static int roundUpToPages(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("bucket count must be at least 1: " + n);
        }
        return (int) Math.min(Integer.MAX_VALUE & -HEADS_PER_PAGE,
                ((long) n + HEADS_PER_PAGE - 1) / HEADS_PER_PAGE * HEADS_PER_PAGE);
    }
}
