package io.kpbench.table;

import io.kpbench.net.FiveTuple;

/**
 * The 64-bit keys of exact-match tables over 128-bit addresses ({@link io.kpbench.net.IpAddress}'s
 * {@code hi}/{@code lo} form): a destination {@code address·protocol·port[·tag]}, as a BPF service map or a
 * portal table keys it, and a client {@code address·id}, as an affinity map keys it.
 *
 * <p>IPv4 keys are exact: {@link FiveTuple#packV4Key} with the tag in bits 24-31, and the client address above a
 * 32-bit id. IPv6 keys are a fingerprint built from {@link Hashing#fmix64} (about 2^-64 collision odds per
 * pair); a table keyed by a destination fingerprint stores the full address and verifies it on a hit, while
 * an affinity table accepts the odds (a collision only moves a sticky client). Both are allocation-free: two
 * to three multiplies per key.
 */
public final class AddressKeys {
    private AddressKeys() {
    }

    /**
     * The key of destination {@code (hi, lo)}, {@code proto}, {@code port} and an 8-bit {@code tag} that tells
     * apart entries of one address (Cilium's service scope), exact for IPv4 and a fingerprint for IPv6.
     */
    public static long destination(boolean v4, long hi, long lo, int proto, int port, int tag) {
        if (v4) {
            return FiveTuple.packV4Key((int) lo, proto, port) | (long) (tag & 0xFF) << 24;
        }
        long fields = ((long) proto << 16) | port | (long) (tag & 0xFF) << 24;
        return Hashing.fmix64(hi ^ Hashing.fmix64(lo ^ Hashing.fmix64(fields)));
    }

    /** The key of client {@code (hi, lo)} under a 32-bit {@code id} (a service or rev-NAT id). */
    public static long client(boolean v4, long hi, long lo, int id) {
        if (v4) {
            return (lo << 32) | id;
        }
        return Hashing.fmix64(hi ^ Hashing.fmix64(lo)) ^ id;
    }
}
