package io.kpbench.bench;

import io.kpbench.common.AtomicFile;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.ProxyMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * How first-packet classification scales from one thread to two, measured in pairs: one data plane shared by two
 * threads, as every CPU of a node shares the kernel's tables, and short windows of one thread and of two threads
 * in alternation (a seeded coin picks which comes first in each round). Each round gives the two-thread packet
 * rate over the one-thread rate; the figure is their geometric mean with a Student-t 95% interval over rounds
 * ({@link PairedRatios.Estimate}), written as {@code scaling.csv}.
 *
 * <p>Why not two JMH forks, one per thread count: this host's core speed flips by about 1.6x for spells of 0.1 s
 * to several seconds (a 0.5 ms load/store probe every 50 ms reads 2.0 or 3.3 ns an op, 2026-12-06), so two forks
 * minutes apart compare two different machines. The quick runs' 1-thread and 2-thread forks put iptables at
 * 1.07x to 2.52x over seven runs; windows of 100 ms, paired, keep both thread counts inside one spell.
 *
 * <p>Each window: the main thread opens it, unparks the window's threads and sleeps; each thread classifies its
 * own seeded packet stream ({@link PacketStream}, made and primed on that thread) in bursts of {@value #BURST}
 * packets and reads the open window only between bursts; the main thread closes the window and each thread
 * publishes its count once. Nothing is written per packet but the thread's own stream. Between windows the
 * threads park, so the one-thread window has the other vCPU idle. The same pairs run first for a compute probe
 * (eight independent multiply chains a thread, no memory traffic): the machine's own scaling at the same time,
 * beside the mode's.
 *
 * <p>Each available mode runs in its own JVM ({@link #main}) with the benchmark forks' flags ({@link ModeJvms}),
 * which writes one row into a part file; {@link #run} merges the parts into {@code scaling.csv} through a
 * temporary file and a rename.
 */
public final class ThreadScaling {
    /** The results file. */
    static final String CSV = "scaling.csv";
    static final String HEADER = "mode,services,rounds,windowMillis,onePerUs,twoPerUs,scaling,ci95Low,ci95High,"
            + "computeScaling,computeLow,computeHigh";
    /** Packets classified between two reads of the open window. */
    static final int BURST = 16;
    /** Rounds measured and discarded first (the two-thread code path's compilation, the caches). */
    static final int WARMUP_ROUNDS = 5;
    private static final String PARTS = ".scaling-parts";

    private ThreadScaling() {
    }

    /**
     * One mode in this JVM: {@code args} are the part file, the mode's CLI name, services, rounds and window in
     * ms. Exits 1 with one line on failure.
     */
    public static void main(String[] args) {
        String mode = args.length > 1 ? args[1] : "?";
        try {
            if (args.length != 5) {
                throw new IllegalArgumentException("usage: <part file> <mode> <services> <rounds> <window ms>");
            }
            ProxyMode m = ProxyMode.parse(mode);
            int services = Integer.parseInt(args[2]);
            int rounds = Integer.parseInt(args[3]);
            int windowMillis = Integer.parseInt(args[4]);
            Row row = measure(m, services, rounds, windowMillis);
            AtomicFile.write(Path.of(args[0]), w -> w.write(row.csv() + "\n"));
            System.out.printf(Locale.ROOT, "kpbench bench: 2 threads over 1, %-9s at %d services: %.2fx (%.2f-%.2f, "
                    + "%d rounds of %d ms); compute probe %.2fx%n", m.cliName(), services, row.scaling().centre(),
                    row.scaling().low(), row.scaling().high(), rounds, windowMillis, row.compute().centre());
        } catch (RuntimeException | InterruptedException e) {
            System.err.println("kpbench bench: thread scaling of " + mode + ": "
                    + (e.getMessage() == null ? "an internal error" : e.getMessage()));
            System.exit(1);
        }
    }

    /**
     * Runs every available mode, each in its own JVM with {@code jvmArgs}, and merges their rows into
     * {@code dir/scaling.csv}; false when a mode's JVM failed (after one line; the other modes still run).
     */
    static boolean run(Path dir, List<String> jvmArgs, int services, int rounds, int windowMillis)
            throws IOException {
        BenchInput in = BenchInput.current();
        int n = in.given() ? in.base().services().size() : services;
        List<String> args = new ArrayList<>(jvmArgs);
        args.addAll(in.jvmArgs());
        Path partDir = dir.resolve(PARTS);
        return ModeJvms.run("thread scaling", ThreadScaling.class, args, partDir,
                mode -> List.of(partDir.resolve(mode.cliName() + ".csv").toString(), mode.cliName(),
                        String.valueOf(n), String.valueOf(rounds), String.valueOf(windowMillis)),
                mode -> partDir.resolve(mode.cliName() + ".csv"), parts -> {
                    StringBuilder sb = new StringBuilder(HEADER).append('\n');
                    for (Path part : parts) {
                        sb.append(Files.readString(part, StandardCharsets.UTF_8));
                    }
                    if (!parts.isEmpty()) {
                        AtomicFile.write(dir.resolve(CSV), w -> w.write(sb.toString()));
                    }
                });
    }

    /**
     * One mode's row of {@code scaling.csv}: the packet rates of both window kinds (packets per us, geometric
     * means over rounds) and the two-over-one estimates of the mode and of the compute probe.
     */
    record Row(ProxyMode mode, int services, int rounds, int windowMillis, double onePerUs, double twoPerUs,
            PairedRatios.Estimate scaling, PairedRatios.Estimate compute) {
        String csv() {
            return String.join(",", mode.cliName(), String.valueOf(services), String.valueOf(rounds),
                    String.valueOf(windowMillis), num(onePerUs), num(twoPerUs), num(scaling.centre()),
                    num(scaling.low()), num(scaling.high()), num(compute.centre()), num(compute.low()),
                    num(compute.high()));
        }

        private static String num(double v) {
            return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
        }
    }

    /** Measures {@code mode} at {@code services} services (and the compute probe first) in paired windows. */
    static Row measure(ProxyMode mode, int services, int rounds, int windowMillis) throws InterruptedException {
        Pairs compute = new Pairs(i -> new ComputeLane(), windowMillis, BenchCluster.SEED);
        Windows probe;
        try {
            probe = compute.measure(Math.max(2, rounds / 3));
        } finally {
            compute.stop();
        }
        BenchCluster c = BenchCluster.clusterIp(services, 10);
        DataPlane dp = c.syncedDataPlane(mode);
        // thread i sends its own flows (seed + i), as ThroughputBenchmark's senders do
        Pairs pairs = new Pairs(i -> new ModeLane(dp, PacketMix.of(c, null,
                BenchInput.current().trafficOrUniform(), PacketMix.SIZE, BenchCluster.SEED + i)), windowMillis,
                BenchCluster.SEED);
        Windows w;
        try {
            w = pairs.measure(rounds);
        } finally {
            pairs.stop();
        }
        return new Row(mode, services, rounds, windowMillis, geomean(w.one()) / 1e3, geomean(w.two()) / 1e3,
                PairedRatios.Estimate.of(w.ratios()), PairedRatios.Estimate.of(probe.ratios()));
    }

    /** The packet rates (per ms) of each round's one-thread and two-thread windows. */
    record Windows(double[] one, double[] two) {
        double[] ratios() {
            double[] r = new double[one.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = two[i] / one[i];
            }
            return r;
        }
    }

    private static double geomean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += Math.log(x);
        }
        return Math.exp(s / xs.length);
    }

    /** A thread's work: a burst of {@link #BURST} units, returning a value that depends on all of them. */
    abstract static class Lane {
        /** Made on the lane's own thread: primes what the lane reads. */
        abstract void prime();

        abstract long burst();
    }

    /** One thread's packet stream through the shared data plane. */
    static final class ModeLane extends Lane {
        private final DataPlane dp;
        private final LaneStream stream;

        ModeLane(DataPlane dp, PacketMix mix) {
            this.dp = dp;
            this.stream = new LaneStream();
            stream.use(mix);
        }

        @Override
        void prime() {
            stream.prime(dp);
        }

        @Override
        long burst() {
            long acc = 0;
            for (int i = 0; i < BURST; i++) {
                acc ^= stream.classifyNext(dp);
            }
            return acc;
        }
    }

    /** The packet stream of one lane. */
    static final class LaneStream extends PacketStream {
    }

    /** The compute probe's unit: eight independent 64-bit multiply chains, a step each (ForkGate's probe is one). */
    static final class ComputeLane extends Lane {
        private long a = 1;
        private long b = 2;
        private long c = 3;
        private long d = 4;
        private long e = 5;
        private long f = 6;
        private long g = 7;
        private long h = 8;

        @Override
        void prime() {
        }

        @Override
        long burst() {
            long a = this.a, b = this.b, c = this.c, d = this.d, e = this.e, f = this.f, g = this.g, h = this.h;
            final long m = 6364136223846793005L;
            for (int i = 0; i < BURST * 8; i++) {
                a = a * m + 1;
                b = b * m + 3;
                c = c * m + 5;
                d = d * m + 7;
                e = e * m + 9;
                f = f * m + 11;
                g = g * m + 13;
                h = h * m + 15;
            }
            this.a = a;
            this.b = b;
            this.c = c;
            this.d = d;
            this.e = e;
            this.f = f;
            this.g = g;
            this.h = h;
            return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h;
        }
    }

    /** Two worker threads and the windows they work in. */
    static final class Pairs {
        /** The open window's number, 0 between windows. */
        private volatile long open;
        private final Worker[] workers = new Worker[2];
        private final int windowMillis;
        private final SplittableRandom coin;
        private long window;

        /** Starts two workers, worker i on {@code lanes.apply(i)} (made on the worker's thread), and waits for both
         * to prime. */
        Pairs(IntFunction<Lane> lanes, int windowMillis, long seed) {
            this.windowMillis = windowMillis;
            this.coin = new SplittableRandom(seed);
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(this, lanes, i);
                workers[i].start();
            }
            for (Worker w : workers) {
                w.awaitPrimed();
            }
        }

        /** {@link #WARMUP_ROUNDS} rounds, then {@code rounds} measured rounds. */
        Windows measure(int rounds) throws InterruptedException {
            double[] one = new double[rounds];
            double[] two = new double[rounds];
            for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
                boolean twoFirst = coin.nextBoolean();
                double a = window(twoFirst ? 2 : 1);
                double b = window(twoFirst ? 1 : 2);
                if (r >= 0) {
                    one[r] = twoFirst ? b : a;
                    two[r] = twoFirst ? a : b;
                }
            }
            return new Windows(one, two);
        }

        /** One window of {@code threads} threads; their packets per ms. */
        private double window(int threads) throws InterruptedException {
            long id = ++window;
            open = id;
            for (int i = 0; i < threads; i++) {
                workers[i].begin(id);
            }
            long t0 = System.nanoTime();
            Thread.sleep(windowMillis);
            open = 0;
            long nanos = System.nanoTime() - t0;
            long packets = 0;
            for (int i = 0; i < threads; i++) {
                packets += workers[i].awaitCount(id);
            }
            if (packets == 0) {
                throw new IllegalStateException("a " + threads + "-thread window classified nothing");
            }
            return packets / (nanos / 1e6);
        }

        void stop() {
            for (Worker w : workers) {
                w.begin(-1);
            }
        }
    }

    /** A worker: parks between windows, works its lane while its window is open, then publishes its count. */
    static final class Worker extends Thread {
        private final Pairs pairs;
        private final IntFunction<Lane> lanes;
        private final int index;
        private volatile long go;
        private volatile long finished;
        private volatile long count;
        private volatile boolean primed;
        private volatile Throwable failure;
        /** Results of every burst, kept so that no burst is dead code. */
        long sink;

        Worker(Pairs pairs, IntFunction<Lane> lanes, int index) {
            super("kpbench-scaling-" + index);
            this.pairs = pairs;
            this.lanes = lanes;
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                // made here, so that the lane's mutable stream sits in this thread's allocation buffer, not on a
                // cache line beside the other lane's
                Lane l = lanes.apply(index);
                l.prime();
                primed = true;
                long done = 0;
                long acc = 0;
                while (true) {
                    long w;
                    while ((w = go) == done) {
                        LockSupport.park(this);
                    }
                    if (w < 0) {
                        break;
                    }
                    long n = 0;
                    while (pairs.open == w) {
                        acc ^= l.burst();
                        n += BURST;
                    }
                    count = n;
                    finished = w;
                    done = w;
                }
                sink = acc;
            } catch (Throwable t) {
                failure = t;
                primed = true;
                finished = Long.MAX_VALUE;
            }
        }

        void begin(long window) {
            go = window;
            LockSupport.unpark(this);
        }

        void awaitPrimed() {
            while (!primed) {
                Thread.onSpinWait();
            }
            check();
        }

        long awaitCount(long window) {
            while (finished < window) {
                Thread.onSpinWait();
            }
            check();
            return count;
        }

        private void check() {
            if (failure != null) {
                throw new IllegalStateException("a scaling thread failed: " + failure.getMessage(), failure);
            }
        }
    }
}
