package io.kpbench.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import org.junit.jupiter.api.Test;

/** Tuple keys of both widths: the hash keeps its values (endpoint and port choices depend on it) and packs agree. */
class TupleKeyTest {
    private static final FiveTuple V4 = new FiveTuple().set(IpAddress.parse("203.0.113.7"), 40000,
            IpAddress.parse("10.96.0.10"), 80, Protocol.TCP);
    private static final FiveTuple V6 = new FiveTuple().set(IpAddress.parse("2001:db8::7"), 40000,
            IpAddress.parse("fd00:10:96::a"), 80, Protocol.TCP);

    @Test
    void theTupleHashKeepsTheValuesItHadBeforeItMovedToHashing() {
        assertEquals(0xEE61_1BBD_2CC4_6618L, TupleKey.hash(TupleKey.addressWord(V4, true), TupleKey.ports(V4), 42L));
        assertEquals(0x52A9_9115_9A75_7C96L, TupleKey.hash(TupleKey.addressWord(V6, false), TupleKey.ports(V6), 9L));
    }

    @Test
    void aPackedKeyHashesAsItsPacketAndInvertsToTheSwappedTuple() {
        for (FiveTuple t : new FiveTuple[] {V4, V6}) {
            boolean v4 = t.isV4();
            int words = v4 ? TupleKey.SHORT : TupleKey.LONG;
            long[] k = new long[1 + words];
            TupleKey.pack(t, k, 1, words);
            assertEquals(TupleKey.hash(TupleKey.addressWord(t, v4), TupleKey.ports(t), 3L),
                    TupleKey.hash(k, 1, words, 3L));
            assertEquals(t.srcLo(), TupleKey.srcLo(k, 1, words));
            assertEquals(t.dstHi(), TupleKey.dstHi(k, 1, words));
            FiveTuple inverse = new FiveTuple();
            TupleKey.writeInverse(k, 1, words, inverse);
            FiveTuple swapped = new FiveTuple().set(t.dstHi(), t.dstLo(), 80, t.srcHi(), t.srcLo(), 40000,
                    Protocol.TCP.number());
            assertEquals(swapped.toString(), inverse.toString());
        }
    }
}
