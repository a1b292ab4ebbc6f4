package io.kpbench.cli;

import io.kpbench.proxy.ProxyMode;
import picocli.CommandLine.Option;

/** The proxy mode a command builds ({@code --mode}), checked against the {@link ProxyMode} registry. */
public final class ModeOptions {
    @Option(names = "--mode", paramLabel = "MODE", required = true,
            description = "The proxy mode: iptables, nftables, ipvs, ebpf or userspace.")
    String mode;

    /** The mode, or a one-line error naming the valid ones. */
    public ProxyMode mode() {
        ProxyMode m;
        try {
            m = ProxyMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new UserError("--mode: " + e.getMessage());
        }
        if (!m.available()) {
            throw new UserError("--mode: " + m.cliName() + " is not implemented in this build");
        }
        return m;
    }
}
