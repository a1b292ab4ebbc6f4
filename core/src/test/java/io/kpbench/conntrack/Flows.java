package io.kpbench.conntrack;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;

/** Test helpers: addresses and tuples of a small example cluster. */
final class Flows {
    static final int TCP = 6;
    static final int UDP = 17;
    static final long SECOND = 1_000_000_000L;
    static final int CLIENT = ip("203.0.113.7");
    static final int CLUSTER_IP = ip("10.96.0.10");
    static final int POD_A = ip("10.244.1.5");
    static final int POD_B = ip("10.244.2.9");
    static final int NODE = ip("192.168.1.10");

    private Flows() {
    }

    static int ip(String s) {
        return IpAddress.parse(s).v4();
    }

    static FiveTuple tuple(int src, int sport, int dst, int dport, int proto) {
        return new FiveTuple().setV4(src, sport, dst, dport, proto);
    }

    static String text(FiveTuple t) {
        return t.toString();
    }
}
