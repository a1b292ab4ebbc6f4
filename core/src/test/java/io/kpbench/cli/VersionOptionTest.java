package io.kpbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.common.ModelVersions;
import org.junit.jupiter.api.Test;

/** {@code kpbench --version}: the build, then the upstream releases the model follows (issue 17, point 9). */
class VersionOptionTest {
    @Test
    void versionNamesTheKubeProxyLinuxAndCiliumReleasesTheModelFollows() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].startsWith("kpbench "), r.out());
        assertEquals("model follows: kube-proxy " + ModelVersions.KUBE_PROXY + " (userspace "
                + ModelVersions.KUBE_PROXY_USERSPACE + "), Linux " + ModelVersions.LINUX + ", Cilium "
                + ModelVersions.CILIUM, lines[1].strip());
    }
}
