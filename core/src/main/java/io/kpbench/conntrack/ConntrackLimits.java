package io.kpbench.conntrack;

/**
 * The {@code nf_conntrack_max} kube-proxy sets: {@code max(maxPerCore × cores, min)}.
 *
 * <p>Source: kube-proxy {@code cmd/kube-proxy/app/conntrack.go getConntrackMax} and the config defaults in
 * {@code pkg/proxy/apis/config/v1alpha1/defaults.go} ({@code conntrack.maxPerCore = 32768},
 * {@code conntrack.min = 131072}); with {@code maxPerCore = 0} kube-proxy leaves the kernel's value alone.
 */
public final class ConntrackLimits {
    /** kube-proxy's default {@code --conntrack-max-per-core}. */
    public static final int MAX_PER_CORE = 32_768;
    /** kube-proxy's default {@code --conntrack-min}. */
    public static final int MIN = 131_072;

    private ConntrackLimits() {
    }

    /** {@code nf_conntrack_max} for {@code cores} CPUs with kube-proxy's defaults (131072 up to 4 cores). */
    public static int conntrackMax(int cores) {
        return conntrackMax(MAX_PER_CORE, MIN, cores);
    }

    /** {@code max(maxPerCore × cores, min)}, saturating at {@link Integer#MAX_VALUE}. */
    public static int conntrackMax(int maxPerCore, int min, int cores) {
        if (cores < 1 || maxPerCore < 0 || min < 0) {
            throw new IllegalArgumentException("cores must be >= 1 and limits >= 0");
        }
        long scaled = (long) maxPerCore * cores;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(scaled, min));
    }
}
