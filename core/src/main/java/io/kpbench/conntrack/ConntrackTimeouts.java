package io.kpbench.conntrack;

/**
 * Conntrack timeouts in seconds, per TCP state and for UDP and other protocols.
 *
 * <p>Source: Linux {@code nf_conntrack_proto_tcp.c tcp_timeouts}, {@code nf_conntrack_proto_udp.c udp_timeouts}
 * and {@code Documentation/networking/nf_conntrack-sysctl.rst}; kube-proxy overrides two of them
 * ({@code conntrack.tcpEstablishedTimeout = 24h}, {@code conntrack.tcpCloseWaitTimeout = 1h}) and leaves the UDP
 * ones at the kernel's value (its {@code udpTimeout}/{@code udpStreamTimeout} default to 0, "do not change").
 *
 * <p>The UDP stream timeout is 120 s: the current kernel's {@code udp_timeouts[UDP_CT_REPLIED] = 120*HZ} and
 * {@code nf_conntrack_udp_timeout_stream} "default 120". Older kernels used 180 s, the figure older guides quote
 * for a stream; we model the current kernel.
 *
 * @param tcp the timeout of each {@link TcpState}, indexed by ordinal ({@code NONE} is unused)
 * @param udp {@code nf_conntrack_udp_timeout}: unreplied, or replied within the first 2 s
 * @param udpStream {@code nf_conntrack_udp_timeout_stream}: replied and still active after 2 s
 * @param generic {@code nf_conntrack_generic_timeout}: protocols without a tracker of their own (SCTP here)
 */
public record ConntrackTimeouts(int[] tcp, int udp, int udpStream, int generic) {
    /** The kernel's defaults (established 5 days, close_wait 60 s). */
    public static ConntrackTimeouts kernelDefaults() {
        int[] t = new int[TcpState.values().length];
        t[TcpState.SYN_SENT.ordinal()] = 120;
        t[TcpState.SYN_RECV.ordinal()] = 60;
        t[TcpState.ESTABLISHED.ordinal()] = 432_000;
        t[TcpState.FIN_WAIT.ordinal()] = 120;
        t[TcpState.CLOSE_WAIT.ordinal()] = 60;
        t[TcpState.LAST_ACK.ordinal()] = 30;
        t[TcpState.TIME_WAIT.ordinal()] = 120;
        t[TcpState.CLOSE.ordinal()] = 10;
        t[TcpState.SYN_SENT2.ordinal()] = 120;
        return new ConntrackTimeouts(t, 30, 120, 600);
    }

    /** What a node running kube-proxy with its defaults has: established 86400 s, close_wait 3600 s. */
    public static ConntrackTimeouts kubeProxyDefaults() {
        int[] t = kernelDefaults().tcp();
        t[TcpState.ESTABLISHED.ordinal()] = 86_400;
        t[TcpState.CLOSE_WAIT.ordinal()] = 3_600;
        return new ConntrackTimeouts(t, 30, 120, 600);
    }

    /** Validates and copies the per-state array. */
    public ConntrackTimeouts {
        if (tcp.length != TcpState.values().length) {
            throw new IllegalArgumentException("one TCP timeout per TcpState expected");
        }
        tcp = tcp.clone();
    }

    /** The per-state array (a copy). */
    @Override
    public int[] tcp() {
        return tcp.clone();
    }

    /** The timeout of TCP state {@code s}. */
    public int tcp(TcpState s) {
        return tcp[s.ordinal()];
    }

    int tcpAt(int state) {
        return tcp[state];
    }
}
