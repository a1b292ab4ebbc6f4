package io.kpbench.lab;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.HdrHistogram.Histogram;

/**
 * The client's prober, run inside the client namespace: times TCP connects to a ClusterIP (each from a new,
 * explicitly bound source port, so that its SYN is a first packet that walks the NAT rules) or one-byte
 * request/reply on one kept-alive connection; records nanoseconds in an HdrHistogram.
 *
 * <p>Arguments: {@code first|established IP PORT COUNT WARMUP SRCPORTBASE HGRM}. Prints one line,
 * {@code p50Ns p99Ns meanNs count}, and writes the histogram's percentile distribution in microseconds to HGRM.
 * The loop is closed (one probe at a time): it measures latency, not throughput.
 */
public final class Prober {
    private Prober() {
    }

    /** Runs one probe series; see the class javadoc for the arguments. */
    public static void main(String[] args) throws IOException {
        boolean first = args[0].equals("first");
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2]));
        int count = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int srcBase = Integer.parseInt(args[5]);
        Histogram h = new Histogram(60_000_000_000L, 3);
        if (first) {
            connects(target, warmup, srcBase, null);
            connects(target, count, srcBase + warmup, h);
        } else {
            requests(target, warmup, count, h);
        }
        try (PrintStream ps = new PrintStream(new FileOutputStream(args[6]), true, "UTF-8")) {
            h.outputPercentileDistribution(ps, 1000.0);
        }
        System.out.println(h.getValueAtPercentile(50) + " " + h.getValueAtPercentile(99) + " "
                + Math.round(h.getMean()) + " " + h.getTotalCount());
    }

    private static void connects(InetSocketAddress target, int n, int srcBase, Histogram h) throws IOException {
        int next = srcBase;
        for (int i = 0; i < n; i++) {
            try (Socket s = new Socket()) {
                s.setReuseAddress(true);
                s.setSoLinger(true, 0);
                next = bindBelowEphemeral(s, next);
                long t0 = System.nanoTime();
                s.connect(target, 5000);
                long dt = System.nanoTime() - t0;
                if (h != null) {
                    h.recordValue(dt);
                }
            }
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
