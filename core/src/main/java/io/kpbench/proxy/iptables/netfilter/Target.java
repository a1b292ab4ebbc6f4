package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.net.IpAddress;

/**
 * The target of a parsed iptables rule ({@code -j}/{@code -g}), or {@link Kind#NONE} for a rule without one
 * (kube-proxy's comment-only "will be dropped by KUBE-PROXY-FIREWALL" rule).
 *
 * @param kind what the target does
 * @param chain the chain of a jump or goto, else null
 * @param ip the DNAT address, else null
 * @param port the DNAT port, else 0
 * @param mark the MARK operand, else 0
 */
record Target(Kind kind, String chain, IpAddress ip, int port, int mark) {
    /** Target kinds; the first three are built-in verdicts of the filter table. */
    enum Kind {
        ACCEPT, DROP, REJECT, NONE, JUMP, GOTO, RETURN, DNAT, MARK_OR, MARK_XOR, MARK_SET, MASQUERADE
    }

    static final Target NONE = new Target(Kind.NONE, null, null, 0, 0);

    static Target of(Kind kind) {
        return new Target(kind, null, null, 0, 0);
    }

    /** The {@code ip:port} text of a DNAT target. */
    String destination() {
        return ip.withPort(port);
    }
}
