package io.kpbench.cli;

import io.kpbench.common.UserError;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.ebpf.EbpfConfig;
import io.kpbench.proxy.ebpf.EbpfDataPlane;
import io.kpbench.proxy.ipvs.IpvsConfig;
import io.kpbench.proxy.ipvs.IpvsDataPlane;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The proxy mode a command builds ({@code --mode}), checked against the {@link ProxyMode} registry, with the
 * options of the modes that have them: the IPVS scheduler, and the eBPF backend selection.
 */
public final class ModeOptions {
    @Option(names = "--mode", paramLabel = "MODE", required = true,
            description = "The proxy mode: iptables, nftables, ipvs, ebpf or userspace.")
    String mode;

    @Option(names = "--scheduler", paramLabel = "NAME",
            description = "ipvs: the scheduler: rr, wrr, lc, wlc, lblc, lblcr, sh, dh, sed, nq or mh (default: rr).")
    String scheduler;

    @Option(names = "--selection", paramLabel = "random|maglev",
            description = "ebpf: backend selection, as Cilium's --bpf-lb-algorithm (default: random).")
    EbpfConfig.Algorithm selection;

    @Option(names = "--maglev-table-size", paramLabel = "M",
            description = "ebpf: the Maglev table size, one of Cilium's primes 251 ... 131071 (default: 16381); "
                    + "ipvs with --scheduler mh: the ip_vs_mh table size (default: 4093).")
    Integer maglevTableSize;

    @Option(names = "--drop-virtual-ip-traffic",
            description = "ebpf: Cilium 1.19's wildcard service entries: a packet to a ClusterIP or LoadBalancer "
                    + "address on a port no service uses is dropped (default: off, as in the Cilium 1.18 the model "
                    + "follows).")
    boolean dropVirtualIpTraffic;

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
        if (scheduler != null && m != ProxyMode.IPVS) {
            throw new UserError("--scheduler: applies to --mode ipvs only, not " + m.cliName());
        }
        if (selection != null && m != ProxyMode.EBPF) {
            throw new UserError("--selection: applies to --mode ebpf only, not " + m.cliName());
        }
        if (dropVirtualIpTraffic && m != ProxyMode.EBPF) {
            throw new UserError("--drop-virtual-ip-traffic: applies to --mode ebpf only, not " + m.cliName());
        }
        if (maglevTableSize != null && m != ProxyMode.EBPF && m != ProxyMode.IPVS) {
            throw new UserError("--maglev-table-size: applies to --mode ebpf or ipvs only, not " + m.cliName());
        }
        return m;
    }

    /** A new proxier of the chosen mode and options for {@code node} and {@code family}. */
    public DataPlane create(NodeConfig node, IpFamily family) {
        ProxyMode m = mode();
        try {
            switch (m) {
                case IPVS:
                    return new IpvsDataPlane(node, family, ipvsConfig());
                case EBPF:
                    return new EbpfDataPlane(node, family, ebpfConfig());
                default:
                    return m.create(node, family);
            }
        } catch (UnsupportedOperationException e) {
            throw new UserError("--mode: " + m.cliName() + ": " + e.getMessage());
        }
    }

    private IpvsConfig ipvsConfig() {
        IpvsConfig c = IpvsConfig.defaults();
        try {
            if (scheduler != null) {
                c = c.withScheduler(scheduler.trim().toLowerCase(Locale.ROOT));
            }
            if (maglevTableSize != null) {
                c = c.withMhTableSize(maglevTableSize);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError((maglevTableSize != null && scheduler == null ? "--maglev-table-size: "
                    : "--scheduler: ") + e.getMessage());
        }
        return c;
    }

    private EbpfConfig ebpfConfig() {
        EbpfConfig c = EbpfConfig.defaults().withDropVirtualIPTraffic(dropVirtualIpTraffic);
        if (selection != EbpfConfig.Algorithm.MAGLEV && maglevTableSize != null) {
            throw new UserError("--maglev-table-size: needs --selection maglev");
        }
        if (selection == EbpfConfig.Algorithm.MAGLEV) {
            try {
                c = c.withMaglev(maglevTableSize == null ? c.maglevTableSize() : maglevTableSize);
            } catch (IllegalArgumentException e) {
                throw new UserError("--maglev-table-size: " + e.getMessage());
            }
        }
        return c;
    }
}
