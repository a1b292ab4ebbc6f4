package io.kpbench.conntrack;

/**
 * Chooses the port of a NAT reply tuple so that the tuple is unique: masquerade's {@code --random-fully}, or the
 * implicit source-port remap when a DNATed flow's reply tuple clashes.
 *
 * <p>Source: Linux {@code nf_nat_core.c get_unique_tuple} (keep the original port if the tuple is free, unless
 * {@code NF_NAT_RANGE_PROTO_RANDOM_FULLY}) and {@code nf_nat_l4proto_unique_tuple}: the range follows the
 * original port (1-511, 600-1023, else 1024-65535), a random 16-bit offset, at most {@code NF_NAT_MAX_ATTEMPTS}
 * = 128 consecutive tries, then rounds of half as many from a new random offset while at least 16.
 */
abstract class NatPortSelector {
    static final int MAX_ATTEMPTS = 128;
    private long rng;

    NatPortSelector(long seed) {
        this.rng = seed ^ 0x5DEE_CE66_DL;
    }

    /** True when the tuple is already tracked in either direction ({@code nf_conntrack_tuple_taken}). */
    abstract boolean taken(long addrs, long ports, long now);

    /** The reply tuple's destination port, or -1 when every try was taken (the kernel then fails the insert). */
    int select(long replyAddrs, int proto, int replySport, int origSport, boolean randomFully, long now) {
        if (!randomFully && !taken(replyAddrs, TupleKey.ports(proto, replySport, origSport), now)) {
            return origSport;
        }
        int min;
        int size;
        if (origSport >= 1024) {
            min = 1024;
            size = 65536 - 1024;
        } else if (origSport >= 512) {
            min = 600;
            size = 1024 - 600;
        } else {
            min = 1;
            size = 511;
        }
        int attempts = Math.min(size, MAX_ATTEMPTS);
        for (;;) {
            int off = nextRandom16();
            for (int i = 0; i < attempts; i++, off++) {
                int port = min + (off & 0xFFFF) % size;
                if (!taken(replyAddrs, TupleKey.ports(proto, replySport, port), now)) {
                    return port;
                }
            }
            if (attempts >= size || attempts < 16) {
                return -1;
            }
            attempts /= 2;
        }
    }

    private int nextRandom16() {
        long x = rng;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        rng = x;
        return (int) (x >>> 48);
    }
}
