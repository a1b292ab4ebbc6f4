package io.kpbench.bench;

/**
 * The per-packet clock of the first-packet benchmarks: each packet is {@value #STEP_NANOS} ns (about 4.3 s)
 * after the previous one.
 *
 * <p>Stateful modes remember packets: IPVS enters every scheduled packet into its connection table and would
 * answer a repeated 5-tuple from it, which is no longer a first packet. With this step a connection entry
 * (SYN_RECV timeout 60 s) expires 14 packets later and is reclaimed by the next insert into its bucket, so the
 * table holds a few thousand entries at most and every packet of a 64Ki-packet mix takes the NEW path when the
 * cursor comes round again. The clock wraps after 2^32 packets; the modes compare times by subtraction, which is
 * wrap-safe while two threads' clocks are less than 2^31 packets apart.
 */
final class PacketClock {
    /** Nanoseconds between two packets. */
    static final long STEP_NANOS = 1L << 32;

    private PacketClock() {
    }
}
