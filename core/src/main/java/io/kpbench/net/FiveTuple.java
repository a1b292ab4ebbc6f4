package io.kpbench.net;

/**
 * A packet's 5-tuple in primitive fields: the unit every data-plane method takes.
 *
 * <p>Addresses are held in the same 128-bit form as {@link IpAddress} (IPv4 as {@code ::ffff:a.b.c.d}), so one
 * instance serves both families; {@link #srcV4()}/{@link #dstV4()} give the packed IPv4 ints for IPv4 tables.
 * The holder is mutable and meant to be reused by the caller, so that classifying a packet allocates nothing.
 * It is not thread-safe: use one per thread.
 */
public final class FiveTuple {
    private long srcHi;
    private long srcLo;
    private long dstHi;
    private long dstLo;
    private int srcPort;
    private int dstPort;
    private int protocol;

    /** Sets an IPv4 tuple from packed ints; {@code protocol} is the IANA number. */
    public FiveTuple setV4(int src, int sport, int dst, int dport, int protocol) {
        this.srcHi = 0L;
        this.srcLo = 0x0000_FFFF_0000_0000L | (src & 0xFFFF_FFFFL);
        this.dstHi = 0L;
        this.dstLo = 0x0000_FFFF_0000_0000L | (dst & 0xFFFF_FFFFL);
        this.srcPort = sport;
        this.dstPort = dport;
        this.protocol = protocol;
        return this;
    }

    /** Sets a tuple of either family from 128-bit halves. */
    public FiveTuple set(long srcHi, long srcLo, int sport, long dstHi, long dstLo, int dport, int protocol) {
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        this.srcPort = sport;
        this.dstPort = dport;
        this.protocol = protocol;
        return this;
    }

    /** Sets a tuple from control-plane values (tests, CLI); not for the hot path. */
    public FiveTuple set(IpAddress src, int sport, IpAddress dst, int dport, Protocol protocol) {
        return set(src.hi(), src.lo(), sport, dst.hi(), dst.lo(), dport, protocol.number());
    }

    /** True when both addresses are IPv4. */
    public boolean isV4() {
        return srcHi == 0L && dstHi == 0L
                && (srcLo >>> 32) == 0xFFFFL && (dstLo >>> 32) == 0xFFFFL;
    }

    /** The packed IPv4 source. */
    public int srcV4() {
        return (int) srcLo;
    }

    /** The packed IPv4 destination. */
    public int dstV4() {
        return (int) dstLo;
    }

    /** Upper 64 bits of the source. */
    public long srcHi() {
        return srcHi;
    }

    /** Lower 64 bits of the source. */
    public long srcLo() {
        return srcLo;
    }

    /** Upper 64 bits of the destination. */
    public long dstHi() {
        return dstHi;
    }

    /** Lower 64 bits of the destination. */
    public long dstLo() {
        return dstLo;
    }

    /** The source port. */
    public int srcPort() {
        return srcPort;
    }

    /** The destination port. */
    public int dstPort() {
        return dstPort;
    }

    /** The IANA protocol number. */
    public int protocol() {
        return protocol;
    }

    /** The source as an {@link IpAddress} (allocates; for output only). */
    public IpAddress src() {
        return new IpAddress(srcHi, srcLo);
    }

    /** The destination as an {@link IpAddress} (allocates; for output only). */
    public IpAddress dst() {
        return new IpAddress(dstHi, dstLo);
    }

    /**
     * Packs an IPv4 address, protocol and port into one long key: {@code addr << 32 | proto << 16 | port}.
     * The key kube-proxy's nftables maps concatenate ({@code ipv4_addr . inet_proto . inet_service}).
     */
    public static long packV4Key(int addr, int protocol, int port) {
        return ((addr & 0xFFFF_FFFFL) << 32) | ((long) (protocol & 0xFF) << 16) | (port & 0xFFFF);
    }

    @Override
    public String toString() {
        Protocol p = Protocol.ofNumber(protocol);
        return (p == null ? String.valueOf(protocol) : p.name()) + " " + src().withPort(srcPort)
                + " -> " + dst().withPort(dstPort);
    }
}
