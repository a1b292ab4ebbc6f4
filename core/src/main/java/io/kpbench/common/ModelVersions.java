package io.kpbench.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The upstream releases the model follows, named in one place: kube-proxy v1.33 for the iptables, nftables and
 * IPVS proxiers and their conntrack cleanup ({@code pkg/proxy}); kube-proxy v1.25 for the userspace proxier, the
 * last release that had it; Linux 6.12 for netfilter, nf_conntrack and IPVS ({@code net/netfilter}); Cilium 1.18
 * for the eBPF mode ({@code bpf/lib/lb.h}, {@code pkg/maglev}). {@code kpbench --version} prints them,
 * {@code run.json} records them in its {@code model} block, and the report names them in its header.
 *
 * <p>Each proxy and conntrack package-info has a line naming the releases it follows; a test holds those lines to
 * these constants. Where behaviour changed between releases and moves a number kpbench reports, the model follows
 * the releases above and the change is listed in {@code core/README.md} ("Versions the model follows"):
 * <ul>
 *   <li>Linux 5.15 ("netfilter: conntrack: sanitize table size default settings"): the default conntrack bucket
 *       count ({@code nf_conntrack_init_start}) no longer follows {@code nf_conntrack_max}; the count before and
 *       after is an option of the conntrack model, as is kube-proxy's rule raising it to max/4.</li>
 *   <li>Cilium 1.19 (wildcard service entries, cilium PR 40684): traffic to a ClusterIP or LoadBalancer VIP on a
 *       port no service uses is dropped ({@code drop_traffic_to_virtual_ips}); 1.18 and earlier forward it. An
 *       option of the eBPF mode, with 1.18's default.</li>
 *   <li>Linux after 7.0 (Julian Anastasov's series "ipvs: per-net tables and optimizations", commit 840aac3d900d
 *       "ipvs: use resizable hash table for services", merged into net-next in March 2026): the IPVS service
 *       table grows from 2^4 to 2^20 buckets with jhash, which removes the S/256 chain growth. The model follows
 *       6.12's fixed 256 buckets; there is no option.</li>
 * </ul>
 */
public final class ModelVersions {
    /** kube-proxy's release for the iptables, nftables and IPVS modes ({@code pkg/proxy}). */
    public static final String KUBE_PROXY = "v1.33";
    /** kube-proxy's release for the userspace mode: the last one before its removal in v1.26. */
    public static final String KUBE_PROXY_USERSPACE = "v1.25";
    /** The Linux kernel's release for netfilter, nf_conntrack and IPVS. */
    public static final String LINUX = "6.12";
    /** Cilium's release for the eBPF mode. */
    public static final String CILIUM = "1.18";

    private ModelVersions() {
    }

    /** The {@code model} block of {@code run.json}: field to release, in a fixed order. */
    public static Map<String, String> recorded() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kubeProxy", KUBE_PROXY);
        m.put("kubeProxyUserspace", KUBE_PROXY_USERSPACE);
        m.put("linux", LINUX);
        m.put("cilium", CILIUM);
        return m;
    }

    /** One line naming this build's releases, e.g. {@code kube-proxy v1.33 (userspace v1.25), Linux 6.12, ...}. */
    public static String summary() {
        return describe(recorded());
    }

    /**
     * One line naming the releases of a recorded {@code model} block (as {@link #recorded()} writes it; fields it
     * does not know are named as they are); {@code ""} for an empty block.
     */
    public static String describe(Map<String, String> model) {
        Map<String, String> rest = new LinkedHashMap<>(model);
        rest.values().removeIf(v -> v == null || v.isBlank());
        StringJoiner line = new StringJoiner(", ");
        String kubeProxy = rest.remove("kubeProxy");
        String userspace = rest.remove("kubeProxyUserspace");
        if (kubeProxy != null) {
            line.add("kube-proxy " + kubeProxy + (userspace == null ? "" : " (userspace " + userspace + ")"));
        } else if (userspace != null) {
            line.add("kube-proxy userspace " + userspace);
        }
        String linux = rest.remove("linux");
        if (linux != null) {
            line.add("Linux " + linux);
        }
        String cilium = rest.remove("cilium");
        if (cilium != null) {
            line.add("Cilium " + cilium);
        }
        rest.forEach((k, v) -> line.add(k + " " + v));
        return line.toString();
    }
}
