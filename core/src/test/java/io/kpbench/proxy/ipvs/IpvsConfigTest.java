package io.kpbench.proxy.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The settings' ranges, each the kernel's. */
class IpvsConfigTest {
    private static IpvsConfig withConnTabBits(int bits) {
        return new IpvsConfig("rr", 8, bits, 4093, 0, 1 << 16);
    }

    @Test
    @DisplayName("the connection-table bits accept 8..27 as Linux Kconfig IP_VS_TAB_BITS does on 64-bit, and refuse "
            + "others in one line naming the field")
    void theConnectionTableBitsTakeTheKernels64BitRange() {
        for (int bits = 8; bits <= 27; bits++) {
            assertEquals(bits, withConnTabBits(bits).connTabBits());
        }
        for (int bits : new int[] {7, 28}) {
            String message = assertThrows(IllegalArgumentException.class, () -> withConnTabBits(bits)).getMessage();
            assertEquals("connTabBits must be 8..27 (Linux IP_VS_TAB_BITS on 64-bit), not " + bits, message);
            assertFalse(message.contains("\n"));
        }
    }
}
