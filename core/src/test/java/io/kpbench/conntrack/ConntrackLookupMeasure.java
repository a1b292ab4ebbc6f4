package io.kpbench.conntrack;

import io.kpbench.net.FiveTuple;
import java.util.Random;

/**
 * A quick, manual measurement of established lookups (not run by {@code mvn verify}; the JMH suite is the real
 * one): {@code java -cp core/target/classes:core/target/test-classes io.kpbench.conntrack.ConntrackLookupMeasure
 * [flows [table|chm|table6|all]]}. Keys are shuffled; run one implementation per JVM to keep the others' memory
 * out of the cache.
 */
public final class ConntrackLookupMeasure {
    private static int cursor;

    private ConntrackLookupMeasure() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? new int[] {Integer.parseInt(args[0])} : new int[] {10_000, 100_000, 1_000_000};
        String only = args.length > 1 ? args[1] : "all";
        for (int n : sizes) {
            if (only.equals("table6")) {
                measure6(n);
            } else {
                measure(n, only);
            }
        }
    }

    private static void measure(int flows, String only) {
        Random rnd = new Random(flows);
        FiveTuple out = new FiveTuple();
        ConntrackTable table = new ConntrackTable(flows, rnd.nextLong());
        ConcurrentHashMapConntrack chm = new ConcurrentHashMapConntrack(flows, rnd.nextLong());
        Conntrack[] cts = {table, chm};
        // packet tuples are allocated after all flows, so that no implementation's objects sit next to them
        int[][] fields = new int[2][5 * flows];
        FiveTuple c = new FiveTuple();
        for (int i = 0; i < flows; i++) {
            c.setV4(0x0A00_0000 + rnd.nextInt(1 << 24), 1024 + rnd.nextInt(60000), 0x0A60_0000 + rnd.nextInt(4096),
                    80, 6);
            int endpoint = 0x0AF4_0000 + rnd.nextInt(1 << 16);
            for (int k = 0; k < 2; k++) {
                Conntrack ct = cts[k];
                if (ct.insert(c, TcpFlags.SYN, endpoint, 8080, 0xC0A8_010A, 0, out) < 0) {
                    throw new IllegalStateException("insert failed");
                }
                FiveTuple r = new FiveTuple().setV4(out.dstV4(), out.dstPort(), out.srcV4(), out.srcPort(), 6);
                ct.receive(r, TcpFlags.SYN_ACK, 0, out);
                ct.receive(c, TcpFlags.ACK, 0, out);
                FiveTuple p = (i & 1) == 0 ? c : r;
                int[] f = fields[k];
                f[5 * i] = p.srcV4();
                f[5 * i + 1] = p.srcPort();
                f[5 * i + 2] = p.dstV4();
                f[5 * i + 3] = p.dstPort();
                f[5 * i + 4] = p.protocol();
            }
        }
        System.gc();
        FiveTuple[][] pkts = new FiveTuple[2][flows];
        for (int k = 0; k < 2; k++) {
            int[] f = fields[k];
            for (int i = 0; i < flows; i++) {
                pkts[k][i] = new FiveTuple().setV4(f[5 * i], f[5 * i + 1], f[5 * i + 2], f[5 * i + 3], f[5 * i + 4]);
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
                if (only.equals("table") && m >= 2 || only.equals("chm") && m < 2) {
                    continue;
                }
                double t = run(impls[m], pkts[m >> 1], lookups, out, m & 1);
                if (round >= 10) {
                    best[m] = Math.min(best[m], t);
                }
            }
        }
        String[] names = {"table.lookup", "table.receive", "chm.lookup", "chm.receive"};
        StringBuilder line = new StringBuilder(String.format("flows=%,d (min of 50 bursts of %,d)", flows, lookups));
        for (int m = 0; m < 4; m++) {
            if (best[m] != Double.MAX_VALUE) {
                line.append(String.format("  %s %.1f ns", names[m], best[m]));
            }
        }
        System.out.println(line);
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

    private static void measure6(int flows) {
        Random rnd = new Random(flows);
        FiveTuple out = new FiveTuple();
        Conntrack6Table table = new Conntrack6Table(flows, rnd.nextLong());
        long[] f = new long[5 * flows];
        FiveTuple c = new FiveTuple();
        for (int i = 0; i < flows; i++) {
            c.set(0x2001_0DB8_0000_0000L, rnd.nextLong(), 1024 + rnd.nextInt(60000), 0xFD00_0010_0096_0000L,
                    rnd.nextInt(4096), 80, 6);
            if (table.insert(c, TcpFlags.SYN, 0xFD00_0010_0244_0000L, rnd.nextLong(), 8080, 0xFD00_0001_0000_0000L, 10,
                    0, out) < 0) {
                throw new IllegalStateException("insert failed");
            }
            boolean orig = (i & 1) == 0;
            f[5 * i] = orig ? c.srcLo() : out.dstLo();
            f[5 * i + 1] = orig ? c.srcPort() : out.dstPort();
            f[5 * i + 2] = orig ? c.dstLo() : out.srcLo();
            f[5 * i + 3] = orig ? c.dstPort() : out.srcPort();
            f[5 * i + 4] = orig ? 1 : 0;
        }
        FiveTuple[] pkts = new FiveTuple[flows];
        for (int i = 0; i < flows; i++) {
            boolean orig = f[5 * i + 4] == 1;
            pkts[i] = new FiveTuple().set(orig ? 0x2001_0DB8_0000_0000L : 0xFD00_0010_0244_0000L, f[5 * i],
                    (int) f[5 * i + 1], orig ? 0xFD00_0010_0096_0000L : 0xFD00_0001_0000_0000L, f[5 * i + 2],
                    (int) f[5 * i + 3], 6);
        }
        for (int i = flows - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            FiveTuple t = pkts[i];
            pkts[i] = pkts[j];
            pkts[j] = t;
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 60; round++) {
            long sum = 0;
            long t0 = System.nanoTime();
            for (int i = 0, k = 0; i < 200_000; i++) {
                sum += table.lookup(pkts[k], 1L, out);
                k = k + 1 == flows ? 0 : k + 1;
            }
            double t = (System.nanoTime() - t0) / 200_000.0;
            if (sum < 0) {
                throw new IllegalStateException("a lookup missed");
            }
            if (round >= 10) {
                best = Math.min(best, t);
            }
        }
        System.out.printf("IPv6 flows=%,d  table6.lookup %.1f ns%n", flows, best);
    }
}
