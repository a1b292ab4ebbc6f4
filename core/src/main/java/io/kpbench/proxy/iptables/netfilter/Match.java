package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.net.Cidr;

/**
 * One match of a parsed iptables rule: the subset of iptables' matches kube-proxy uses, each with the
 * netfilter module it stands for. A negated match is written {@code ! <option>}.
 */
sealed interface Match {
    /** {@code [!] -s|-d <cidr>}: the address match of {@code ip_tables}. */
    record Address(boolean source, boolean negated, Cidr cidr) implements Match {
    }

    /** {@code [!] -p <proto>}. */
    record Protocol(boolean negated, int number) implements Match {
    }

    /** {@code [!] --dport <lo>[:<hi>]} of xt_tcpudp / xt_sctp. */
    record DestPort(boolean negated, int lo, int hi) implements Match {
    }

    /** {@code -m addrtype [!] --src-type|--dst-type LOCAL} (xt_addrtype; only LOCAL is modelled). */
    record AddrTypeLocal(boolean source, boolean negated) implements Match {
    }

    /**
     * {@code -m statistic --mode random --probability <p>} (xt_statistic random mode).
     *
     * @param threshold {@code round(p * 2^31)}, compared with a 31-bit random as the kernel does
     */
    record Statistic(long threshold) implements Match {
    }

    /** {@code -m recent --name <n> --rcheck --seconds <s> [--reap]} or {@code --set} (xt_recent). */
    record Recent(String name, boolean set, int seconds, boolean reap) implements Match {
    }

    /** {@code -m mark [!] --mark <value>[/<mask>]} (xt_mark). */
    record Mark(boolean negated, int value, int mask) implements Match {
    }

    /** {@code -m conntrack [!] --ctstate <states>} (xt_conntrack), states as {@link CtState} bits. */
    record ConnState(boolean negated, int states) implements Match {
    }

    /** {@code -m nfacct --nfacct-name <n>}: a counter that always matches. */
    record NfAcct(String name) implements Match {
    }

    /** {@code -m comment --comment <text>}: always matches. */
    record Comment(String text) implements Match {
    }
}
