package io.kpbench.conntrack;

import io.kpbench.net.FiveTuple;
import java.util.Random;

/**
 * A quick, manual measurement of established lookups (not run by {@code mvn verify}; the JMH suite is the real
 * one): {@code java -cp core/target/classes:core/target/test-classes io.kpbench.conntrack.ConntrackLookupMeasure}.
 */
public final class ConntrackLookupMeasure {
    private static int cursor;

    private ConntrackLookupMeasure() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? new int[] {Integer.parseInt(args[0])} : new int[] {10_000, 100_000, 1_000_000};
        for (int n : sizes) {
            measure(n);
        }
    }

    private static void measure(int flows) {
        Random rnd = new Random(flows);
        FiveTuple out = new FiveTuple();
        ConntrackTable table = new ConntrackTable(flows, rnd.nextLong());
        ConcurrentHashMapConntrack chm = new ConcurrentHashMapConntrack(flows, rnd.nextLong());
        Conntrack[] cts = {table, chm};
        FiveTuple[][] pkts = new FiveTuple[2][flows];
        for (int i = 0; i < flows; i++) {
            FiveTuple c = new FiveTuple().setV4(0x0A00_0000 + rnd.nextInt(1 << 24), 1024 + rnd.nextInt(60000),
                    0x0A60_0000 + rnd.nextInt(4096), 80, 6);
            for (int k = 0; k < 2; k++) {
                Conntrack ct = cts[k];
                if (ct.insert(c, TcpFlags.SYN, 0x0AF4_0000 + rnd.nextInt(1 << 16), 8080, 0xC0A8_010A, 0, out) < 0) {
                    throw new IllegalStateException("insert failed");
                }
                FiveTuple r = new FiveTuple().setV4(out.dstV4(), out.dstPort(), out.srcV4(), out.srcPort(), 6);
                ct.receive(r, TcpFlags.SYN_ACK, 0, out);
                ct.receive(c, TcpFlags.ACK, 0, out);
                pkts[k][i] = (i & 1) == 0 ? c : r;
            }
        }
        for (int i = flows - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            for (FiveTuple[] p : pkts) {
                FiveTuple t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        }
        int lookups = 200_000;
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        Conntrack[] impls = {table, table, chm, chm};
        for (int round = 0; round < 60; round++) {
            for (int m = 0; m < 4; m++) {
                double t = run(impls[m], pkts[m >> 1], lookups, out, m & 1);
                if (round >= 10) {
                    best[m] = Math.min(best[m], t);
                }
            }
        }
        System.out.printf("flows=%,d (min of 50 bursts of %,d)  table.lookup %.1f ns  table.receive %.1f ns  "
                + "chm.lookup %.1f ns  chm.receive %.1f ns%n", flows, lookups, best[0], best[1], best[2], best[3]);
    }

    private static double run(Conntrack ct, FiveTuple[] pkts, int lookups, FiveTuple out, int mode) {
        int n = pkts.length;
        long sum = 0;
        long t0 = System.nanoTime();
        for (int i = 0, k = cursor; i < lookups; i++) {
            FiveTuple p = pkts[k];
            sum += mode == 0 ? ct.lookup(p, 1_000_000L * i, out) : ct.receive(p, TcpFlags.ACK, 1_000_000L * i, out);
            k = k + 1 == n ? 0 : k + 1;
        }
        long t1 = System.nanoTime();
        cursor = (cursor + lookups) % n;
        if (sum < 0) {
            throw new IllegalStateException("a lookup missed");
        }
        if (sum == 42) {
            System.out.println();
        }
        return (t1 - t0) / (double) lookups;
    }
}
