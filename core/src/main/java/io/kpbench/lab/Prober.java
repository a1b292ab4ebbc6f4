package io.kpbench.lab;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The client's prober, run inside the client namespace: times TCP connects to ClusterIPs (each from a new,
 * explicitly bound source port, so that its SYN is a first packet that walks the NAT rules) or one-byte
 * request/reply on one kept-alive connection; records nanoseconds in HdrHistograms.
 *
 * <p>First packets: {@code first ROUNDS PERROUND WARMUP SRCBASE EVICTBYTES IP PORT HGRM [IP PORT HGRM ...]}.
 * The targets are probed by this one process, interleaved connect by connect (target 1, 2, 3, 1, 2, 3, ...),
 * after {@code WARMUP} unrecorded connects spread over them that bring the connect path to the JIT's final code;
 * then {@code ROUNDS} rounds of {@code PERROUND} connects per target. Before every connect (untimed) the prober
 * reads {@code EVICTBYTES} of its own buffer, one byte per 64-byte line, which pushes the rules out of this
 * core's private caches (0 reads nothing): the SYN is handled on the sending core (veth delivers in its softirq),
 * so each first packet walks the ruleset from the shared cache, as on a node whose cores also run workloads,
 * whatever N (without it, a ruleset that fits this core's L2 walks several times faster per rule than one that
 * does not, a step between the lab's sizes that no line through them shows). Prints one line per target, in order,
 * {@link InterleavedRounds.Summary#line()} (p50 = the median of the round p50s), and writes each target's
 * percentile distribution of all rounds in microseconds to its HGRM.
 *
 * <p>Established: {@code established IP PORT COUNT WARMUP SRCBASE HGRM}; prints {@code p50Ns p99Ns meanNs count}.
 * The loops are closed (one probe at a time): they measure latency, not throughput.
 */
public final class Prober {
    private Prober() {
    }

    /** Runs one probe series; see the class javadoc for the arguments. */
    public static void main(String[] args) throws IOException {
        if (args[0].equals("first")) {
            first(args);
            return;
        }
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2]));
        Histogram h = new Histogram(60_000_000_000L, 3);
        requests(target, Integer.parseInt(args[4]), Integer.parseInt(args[3]), h);
        write(h, args[6]);
        System.out.println(h.getValueAtPercentile(50) + " " + h.getValueAtPercentile(99) + " "
                + Math.round(h.getMean()) + " " + h.getTotalCount());
    }

    private static void first(String[] args) throws IOException {
        int rounds = Integer.parseInt(args[1]);
        int perRound = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int next = Integer.parseInt(args[4]);
        byte[] evict = new byte[Integer.parseInt(args[5])];
        Arrays.fill(evict, (byte) 1); // every page written: real memory, not the shared zero page
        int n = (args.length - 6) / 3;
        InetSocketAddress[] targets = new InetSocketAddress[n];
        for (int t = 0; t < n; t++) {
            targets[t] = new InetSocketAddress(InetAddress.getByName(args[6 + 3 * t]),
                    Integer.parseInt(args[7 + 3 * t]));
        }
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += evict(evict);
            next = connect(targets[i % n], next, null, 0, 0);
        }
        InterleavedRounds ir = new InterleavedRounds(n, rounds);
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < perRound; i++) {
                for (int t = 0; t < n; t++) {
                    sink += evict(evict);
                    next = connect(targets[t], next, ir, t, r);
                }
            }
        }
        for (int t = 0; t < n; t++) {
            write(ir.all(t), args[8 + 3 * t]);
            System.out.println(ir.summary(t).line());
        }
        if (sink == 42) {
            System.err.println(); // keeps the reads from being optimised away
        }
    }

    /** Reads one byte of every 64-byte line of {@code buf}; returns their sum. */
    private static long evict(byte[] buf) {
        long s = 0;
        for (int i = 0; i < buf.length; i += 64) {
            s += buf[i];
        }
        return s;
    }

    /** One timed connect from the next free source port at or after {@code from}; returns the port after it. */
    private static int connect(InetSocketAddress target, int from, InterleavedRounds ir, int t, int round)
            throws IOException {
        try (Socket s = new Socket()) {
            s.setReuseAddress(true);
            s.setSoLinger(true, 0);
            int next = bindBelowEphemeral(s, from);
            long t0 = System.nanoTime();
            s.connect(target, 5000);
            long dt = System.nanoTime() - t0;
            if (ir != null) {
                ir.record(t, round, dt);
            }
            return next;
        }
    }

    private static void write(Histogram h, String file) throws IOException {
        try (PrintStream ps = new PrintStream(new FileOutputStream(file), true, "UTF-8")) {
            h.outputPercentileDistribution(ps, 1000.0);
        }
    }

    /** Binds to the next free port in 1024..32767 (below Linux's ephemeral range); returns the one after. */
    private static int bindBelowEphemeral(Socket s, int from) throws IOException {
        for (int k = 0; k < 100; k++) {
            int port = 1024 + Math.floorMod(from + k, 31744);
            try {
                s.bind(new InetSocketAddress(port));
                return from + k + 1;
            } catch (java.net.BindException e) {
                // still held by an earlier socket: try the next port
            }
        }
        throw new IOException("no free source port near " + from);
    }

    private static void requests(InetSocketAddress target, int warmup, int n, Histogram h) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(target, 5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < warmup + n; i++) {
                long t0 = System.nanoTime();
                out.write(i & 0x7f);
                out.flush();
                if (in.read() < 0) {
                    throw new IOException("the responder closed the connection");
                }
                long dt = System.nanoTime() - t0;
                if (i >= warmup) {
                    h.recordValue(dt);
                }
            }
        }
    }
}
