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
        public boolean available() {
            return true;
        }

        @Override
        public DataPlane create(NodeConfig node, IpFamily family) {
            return new io.kpbench.proxy.iptables.IptablesProxier(node, family);
        }
    },
    /** kube-proxy's nftables mode: verdict maps. */
    NFTABLES {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public DataPlane create(NodeConfig node, IpFamily family) {
            return new io.kpbench.proxy.nftables.NftablesProxier(node, family);
        }
    },
    /** kube-proxy's IPVS mode: a virtual-server hash table with schedulers. */
    IPVS {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public DataPlane create(NodeConfig node, IpFamily family) {
            return new io.kpbench.proxy.ipvs.IpvsDataPlane(node, family, io.kpbench.proxy.ipvs.IpvsConfig.defaults());
        }
    },
    /** A Cilium-style eBPF service map with random or Maglev backend selection. */
    EBPF {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public DataPlane create(NodeConfig node, IpFamily family) {
            return new io.kpbench.proxy.ebpf.EbpfDataPlane(node, family, io.kpbench.proxy.ebpf.EbpfConfig.defaults());
        }
    },
    /** The legacy userspace proxy: round robin. */
    USERSPACE {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public DataPlane create(NodeConfig node, IpFamily family) {
            return new io.kpbench.proxy.userspace.UserspaceDataPlane(node, family, 65536);
        }
    };

    /** The lower-case name used on the command line and in results ({@code iptables}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this mode is implemented in this build. */
    public boolean available() {
        return false;
    }

    /** A new, empty proxier of this mode for {@code node} and {@code family}. */
    public DataPlane create(NodeConfig node, IpFamily family) {
        throw new UnsupportedOperationException(cliName() + " mode is not implemented yet");
    }

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
