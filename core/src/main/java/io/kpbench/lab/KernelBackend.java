package io.kpbench.lab;

import io.kpbench.proxy.ProxyMode;
import java.util.Locale;

/**
 * A kernel back end the lab programs: iptables through {@code iptables-restore} on the nf_tables or the legacy
 * x_tables back end, or nftables through {@code nft -f}; each names the model mode whose ruleset it loads.
 */
public enum KernelBackend {
    /** {@code iptables-nft-restore}: iptables rules translated to nf_tables bytecode. */
    IPTABLES_NFT(ProxyMode.IPTABLES, "iptables-nft-restore", "iptables-nft-save"),
    /** {@code iptables-legacy-restore}: the x_tables linear rule blob. */
    IPTABLES_LEGACY(ProxyMode.IPTABLES, "iptables-legacy-restore", "iptables-legacy-save"),
    /** {@code nft -f}: kube-proxy's nftables mode with verdict maps. */
    NFTABLES(ProxyMode.NFTABLES, "nft", "nft");

    private final ProxyMode mode;
    private final String restore;
    private final String save;

    KernelBackend(ProxyMode mode, String restore, String save) {
        this.mode = mode;
        this.restore = restore;
        this.save = save;
    }

    /** The model mode whose ruleset this back end loads. */
    public ProxyMode mode() {
        return mode;
    }

    /** The name on the command line and in results: {@code iptables-nft}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the two iptables back ends. */
    public boolean isIptables() {
        return mode == ProxyMode.IPTABLES;
    }

    /** A harmless read-only command that succeeds when the tool is installed. */
    String[] probeCommand() {
        return isIptables() ? new String[] {save, "--version"} : new String[] {"nft", "--version"};
    }

    /** The argv of a full load from stdin. */
    String[] fullLoad() {
        return isIptables() ? new String[] {restore} : new String[] {"nft", "-f", "-"};
    }

    /** The argv of a partial update from stdin ({@code --noflush}, as kube-proxy always restores). */
    String[] partialLoad() {
        return isIptables() ? new String[] {restore, "--noflush"} : new String[] {"nft", "-f", "-"};
    }

    /** The argv that lists this back end's NAT rules in a namespace (read only). */
    String[] listNat() {
        return isIptables() ? new String[] {save, "-t", "nat"} : new String[] {"nft", "list", "ruleset"};
    }

    /** The argv that empties this back end's rules in a namespace. */
    String[] flush() {
        return isIptables() ? new String[] {restore} : new String[] {"nft", "flush", "ruleset"};
    }

    /** The stdin of {@link #flush()}. */
    String flushInput() {
        return isIptables() ? "*filter\nCOMMIT\n*nat\nCOMMIT\n" : null;
    }

    /** Parses a CLI name; throws {@link IllegalArgumentException} listing the valid names. */
    public static KernelBackend parse(String s) {
        for (KernelBackend b : values()) {
            if (b.cliName().equals(s.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + s + "' (valid: iptables-nft, iptables-legacy, nftables)");
    }
}
