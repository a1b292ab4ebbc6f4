package io.kpbench.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * What the lab needs and whether this machine has it: root, {@code ip netns}, and the tool of each back end.
 * The lab skips, with one line naming what is missing, rather than fail where it cannot run.
 */
public final class Preflight {
    private Preflight() {
    }

    /** Null when the lab can run {@code backends}, else one line naming what is missing. */
    public static String missing(List<KernelBackend> backends) {
        List<String> gaps = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))
                && !Shell.run(null, "id", "-u").out().strip().equals("0")) {
            gaps.add("root");
        }
        if (!Shell.run(null, "ip", "netns", "list").ok()) {
            gaps.add("ip netns (iproute2)");
        }
        for (KernelBackend b : backends) {
            if (!Shell.run(null, b.probeCommand()).ok()) {
                gaps.add(b.probeCommand()[0]);
            }
        }
        if (gaps.isEmpty()) {
            return null;
        }
        return "kernel-lab skipped: missing " + String.join(", ", gaps)
                + " (run as root after: apt-get install -y iptables nftables iproute2)";
    }

    /** True when the ip_vs module is present (IPVS mode); the lab reports IPVS unavailable otherwise. */
    public static boolean ipvsAvailable() {
        return Shell.run(null, "sh", "-c", "test -d /sys/module/ip_vs || modinfo ip_vs >/dev/null 2>&1").ok();
    }
}
