package io.kpbench.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The upstream releases the model follows, named once ({@link ModelVersions}) and repeated where they must be. */
class ModelVersionsTest {
    private static final Path SOURCES = Path.of("src/main/java/io/kpbench");
    private static final String KUBE_PROXY = "kube-proxy " + ModelVersions.KUBE_PROXY;
    private static final String LINUX = "Linux " + ModelVersions.LINUX;

    @Test
    void theRecordedBlockNamesKubeProxyLinuxAndCilium() {
        assertEquals(Map.of("kubeProxy", "v1.33", "kubeProxyUserspace", "v1.25", "linux", "6.12", "cilium", "1.18"),
                ModelVersions.recorded());
        assertEquals("kube-proxy v1.33 (userspace v1.25), Linux 6.12, Cilium 1.18", ModelVersions.summary());
    }

    @Test
    void aRecordedBlockWithMissingOrUnknownFieldsIsDescribedAsRecorded() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("linux", "5.10");
        m.put("cilium", "");
        m.put("calico", "3.29");
        assertEquals("Linux 5.10, calico 3.29", ModelVersions.describe(m));
        assertEquals("kube-proxy userspace v1.25", ModelVersions.describe(Map.of("kubeProxyUserspace", "v1.25")));
        assertEquals("", ModelVersions.describe(Map.of()));
    }

    /** Each proxy and conntrack package-info names the releases it follows, as {@link ModelVersions} does. */
    @Test
    void everyProxyAndConntrackPackageNamesTheReleasesItFollows() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("proxy/iptables", KUBE_PROXY + ", " + LINUX);
        expected.put("proxy/nftables", KUBE_PROXY + ", " + LINUX);
        expected.put("proxy/ipvs", KUBE_PROXY + ", " + LINUX);
        expected.put("proxy/ipvs/kernel", LINUX);
        expected.put("proxy/ipvs/sched", LINUX);
        expected.put("proxy/ipvs/sync", KUBE_PROXY);
        expected.put("proxy/ipvs/companion", KUBE_PROXY + ", " + LINUX);
        expected.put("proxy/ebpf", "Cilium " + ModelVersions.CILIUM);
        expected.put("proxy/userspace", "kube-proxy " + ModelVersions.KUBE_PROXY_USERSPACE);
        expected.put("conntrack", LINUX + ", " + KUBE_PROXY);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), followed(SOURCES.resolve(e.getKey()).resolve("package-info.java")), e.getKey());
        }
    }

    /** The releases between "Versions followed:" and the link to {@link ModelVersions}, comment marks removed. */
    private static String followed(Path packageInfo) throws IOException {
        String text = Files.readAllLines(packageInfo).stream()
                .map(l -> l.replaceFirst("^\\s*\\*\\s?", ""))
                .collect(Collectors.joining(" "));
        int start = text.indexOf("Versions followed:");
        int end = text.indexOf("({@link io.kpbench.common.ModelVersions})", start);
        assertTrue(start >= 0 && end > start, packageInfo + " has no \"Versions followed: ... ({@link ...ModelVersions})\"");
        return text.substring(start + "Versions followed:".length(), end).strip();
    }
}
