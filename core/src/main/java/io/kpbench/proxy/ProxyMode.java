package io.kpbench.proxy;

import io.kpbench.net.IpFamily;
import java.util.Locale;

/**
 * The registry of proxy modes: an enum of factories used by tests ({@code @EnumSource}), benchmarks
 * ({@code @Param}), the CLI and the reports.
 */
public enum ProxyMode {
    /** kube-proxy's iptables mode: linear chains walked rule by rule. */
    IPTABLES {
        @Override
        public DataPlane create(NodeConfig node, IpFamily family) {
            return new io.kpbench.proxy.iptables.IptablesDataPlane(node, family);
        }
    },
    /** kube-proxy's nftables mode: verdict maps. */
    NFTABLES {
        @Override
        public DataPlane create(NodeConfig node, IpFamily family) {
            return new io.kpbench.proxy.nftables.NftablesDataPlane(node, family);
        }
    },
    /** kube-proxy's IPVS mode: a virtual-server hash table with schedulers. */
    IPVS {
        @Override
        public DataPlane create(NodeConfig node, IpFamily family) {
            return new io.kpbench.proxy.ipvs.IpvsDataPlane(node, family, io.kpbench.proxy.ipvs.IpvsConfig.defaults());
        }
    },
    /** A Cilium-style eBPF service map with random or Maglev backend selection. */
    EBPF {
        @Override
        public DataPlane create(NodeConfig node, IpFamily family) {
            return new io.kpbench.proxy.ebpf.EbpfDataPlane(node, family, io.kpbench.proxy.ebpf.EbpfConfig.defaults());
        }
    },
    /** The legacy userspace proxy: round robin. */
    USERSPACE {
        @Override
        public DataPlane create(NodeConfig node, IpFamily family) {
            return new io.kpbench.proxy.userspace.UserspaceDataPlane(node, family, 65536);
        }
    };

    /** The lower-case name used on the command line and in results ({@code iptables}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * True when this mode is implemented in this build. Every mode is; callers keep the check so that a mode added
     * to the registry before its data plane is skipped, not crashed on.
     */
    public boolean available() {
        return true;
    }

    /** A new, empty proxier of this mode for {@code node} and {@code family}. */
    public abstract DataPlane create(NodeConfig node, IpFamily family);

    /** Parses a CLI name; throws {@link IllegalArgumentException} listing the valid names. */
    public static ProxyMode parse(String s) {
        for (ProxyMode m : values()) {
            if (m.cliName().equals(s)) {
                return m;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (ProxyMode m : values()) {
            valid.append(valid.length() == 0 ? "" : ", ").append(m.cliName());
        }
        throw new IllegalArgumentException("unknown mode '" + s + "' (valid: " + valid + ")");
    }
}
