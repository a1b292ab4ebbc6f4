package io.kpbench.cli.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The defaults the Jobs take from the checkout kpbench runs in: its HEAD and its {@code origin} URL. */
public final class GitCheckout {
    private GitCheckout() {
    }

    /** The full id of HEAD, or null outside a git checkout (or without git). */
    public static String head() {
        return git("rev-parse", "HEAD");
    }

    /** The URL of the {@code origin} remote, or null when there is none. */
    public static String origin() {
        return git("remote", "get-url", "origin");
    }

    /** True when the working tree has uncommitted changes (which the cluster's clone does not have). */
    public static boolean dirty() {
        String s = git("status", "--porcelain", "--untracked-files=no");
        return s != null && !s.isEmpty();
    }

    private static String git(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "git";
        System.arraycopy(args, 0, argv, 1, args.length);
        try {
            Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
