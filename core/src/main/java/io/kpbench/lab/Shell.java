package io.kpbench.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one external command ({@code ip}, {@code iptables-restore}, {@code nft}) and returns its output; every
 * state-changing command of the lab goes through {@link #inNs} so that it runs inside a lab namespace.
 */
final class Shell {
    private Shell() {
    }

    /** The outcome of a command. */
    record Result(int code, String out, long nanos) {
        boolean ok() {
            return code == 0;
        }
    }

    /** Runs {@code argv} with {@code stdin} (may be null), never throwing on a non-zero exit. */
    static Result run(String stdin, String... argv) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        long t0 = System.nanoTime();
        try {
            Process p = pb.start();
            try (OutputStream os = p.getOutputStream()) {
                if (stdin != null) {
                    os.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = readAll(p.getInputStream());
            int code = p.waitFor();
            return new Result(code, out, System.nanoTime() - t0);
        } catch (IOException e) {
            return new Result(127, argv[0] + ": " + e.getMessage(), System.nanoTime() - t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted", System.nanoTime() - t0);
        }
    }

    /** Runs {@code argv} and throws {@link LabException} with its output when it fails. */
    static Result check(String stdin, String... argv) {
        Result r = run(stdin, argv);
        if (!r.ok()) {
            String msg = r.out().strip();
            int nl = msg.indexOf('\n');
            throw new LabException(String.join(" ", Arrays.copyOf(argv, Math.min(argv.length, 6)))
                    + ": exit " + r.code() + ": " + (nl < 0 ? msg : msg.substring(0, nl)));
        }
        return r;
    }

    /** {@code ip netns exec ns argv...}: checked, inside a lab namespace only. */
    static Result inNs(String ns, String stdin, String... argv) {
        return check(stdin, nsArgv(ns, argv));
    }

    /** The argv that runs {@code argv} inside {@code ns}; refuses namespaces that are not the lab's. */
    static String[] nsArgv(String ns, String... argv) {
        if (!ns.startsWith(LabNames.PREFIX)) {
            throw new IllegalArgumentException("not a lab namespace: " + ns);
        }
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(Arrays.asList(argv));
        return all.toArray(new String[0]);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }
}
