package io.kpbench.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.conntrack.ConntrackBuckets.Kernel;
import io.kpbench.net.IpFamily;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bucket count H of a node: Linux {@code nf_conntrack_core.c nf_conntrack_init_start} (before 5.15 and since,
 * commit d532bcd0b269), rounded by {@code nf_ct_alloc_hashtable}, then kube-proxy v1.33
 * {@code cmd/kube-proxy/app/conntrack.go realConntracker.SetMax}.
 */
class ConntrackBucketsTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    @DisplayName("since 5.15 nf_conntrack_init_start gives 262144 buckets above 4 GiB, 65536 above 1 GiB, RAM/128 KiB "
            + "below with a floor of 1024, and nf_conntrack_max = H")
    void theKernelDefaultSince515() {
        assertEquals(262_144, ConntrackBuckets.kernelDefault(Kernel.SINCE_5_15, 16 * GIB));
        assertEquals(65_536, ConntrackBuckets.kernelDefault(Kernel.SINCE_5_15, 4 * GIB), "4 GiB is not above 4 GiB");
        assertEquals(65_536, ConntrackBuckets.kernelDefault(Kernel.SINCE_5_15, 2 * GIB));
        assertEquals(8_192, ConntrackBuckets.kernelDefault(Kernel.SINCE_5_15, GIB));
        assertEquals(1_024, ConntrackBuckets.kernelDefault(Kernel.SINCE_5_15, 64 * MIB));
        assertEquals(262_144, ConntrackBuckets.kernelDefaultMax(Kernel.SINCE_5_15, 262_144));
    }

    @Test
    @DisplayName("before 5.15 nf_conntrack_init_start gave 65536 buckets above 4 GiB, 16384 above 1 GiB, a floor of "
            + "32 (512 once nf_ct_alloc_hashtable rounds it to a page), and nf_conntrack_max = 4 H")
    void theKernelDefaultBefore515() {
        assertEquals(65_536, ConntrackBuckets.kernelDefault(Kernel.BEFORE_5_15, 16 * GIB));
        assertEquals(16_384, ConntrackBuckets.kernelDefault(Kernel.BEFORE_5_15, 2 * GIB));
        assertEquals(8_192, ConntrackBuckets.kernelDefault(Kernel.BEFORE_5_15, GIB));
        assertEquals(512, ConntrackBuckets.kernelDefault(Kernel.BEFORE_5_15, 2 * MIB));
        assertEquals(262_144, ConntrackBuckets.kernelDefaultMax(Kernel.BEFORE_5_15, 65_536));
    }

    @Test
    @DisplayName("nf_ct_alloc_hashtable rounds a bucket count up to whole 4 KiB pages of 8-byte heads")
    void bucketCountsAreRoundedUpToPages() {
        assertEquals(512, ConntrackBuckets.roundUpToPages(1));
        assertEquals(1_000_448, ConntrackBuckets.roundUpToPages(1_000_000));
        assertEquals(262_144, ConntrackBuckets.roundUpToPages(262_144));
    }

    @Test
    @DisplayName("kube-proxy's SetMax leaves hashsize alone below and at max/4, and raises it to max/4 above")
    void kubeProxyRaisesTheBucketCountToAQuarterOfTheMaxOnlyWhenSmaller() {
        assertEquals(262_144, ConntrackBuckets.afterKubeProxy(262_144, ConntrackLimits.conntrackMax(4)), "below");
        assertEquals(262_144, ConntrackBuckets.afterKubeProxy(262_144, 1_048_576), "at: 1048576 / 4 = 262144");
        assertEquals(262_144, ConntrackBuckets.afterKubeProxy(262_144, 1_048_579), "at, by integer division");
        assertEquals(262_656, ConntrackBuckets.afterKubeProxy(262_144, 1_048_580), "above, rounded up to a page");
        assertEquals(524_288, ConntrackBuckets.afterKubeProxy(262_144, ConntrackLimits.conntrackMax(64)));
    }

    @Test
    @DisplayName("a kube-proxy node over 4 GiB keeps the kernel's buckets up to 32 cores since 5.15 and up to 8 "
            + "before, and gets max/4 beyond")
    void aKubeProxyNodesBucketCountDependsOnTheKernelVersionAndCores() {
        assertEquals(262_144, ConntrackBuckets.kubeProxyNode(Kernel.SINCE_5_15, ConntrackLimits.conntrackMax(4)));
        assertEquals(262_144, ConntrackBuckets.kubeProxyNode(Kernel.SINCE_5_15, ConntrackLimits.conntrackMax(32)));
        assertEquals(524_288, ConntrackBuckets.kubeProxyNode(Kernel.SINCE_5_15, ConntrackLimits.conntrackMax(64)));
        assertEquals(65_536, ConntrackBuckets.kubeProxyNode(Kernel.BEFORE_5_15, ConntrackLimits.conntrackMax(4)));
        assertEquals(65_536, ConntrackBuckets.kubeProxyNode(Kernel.BEFORE_5_15, ConntrackLimits.conntrackMax(8)));
        assertEquals(131_072, ConntrackBuckets.kubeProxyNode(Kernel.BEFORE_5_15, ConntrackLimits.conntrackMax(16)));
    }

    @Test
    void aTableHasTheBucketCountItIsGivenOrOnePerEntryByDefault() {
        int h = ConntrackBuckets.kubeProxyNode(Kernel.SINCE_5_15, ConntrackLimits.conntrackMax(4));
        assertEquals(h, new ConntrackTable(IpFamily.IPv4, 1000, h, 1L).buckets());
        assertEquals(1000, new ConntrackTable(IpFamily.IPv6, 1000, 1L).buckets());
    }
}
