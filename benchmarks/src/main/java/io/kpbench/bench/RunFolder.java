package io.kpbench.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * A run's results folder, {@code results/<UTC time>-<git sha>/}: self-describing, sortable by time.
 *
 * @param dir the folder
 * @param gitSha the short commit, or {@code nogit}
 * @param dirty whether the working tree had uncommitted changes
 */
public record RunFolder(Path dir, String gitSha, boolean dirty) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** Creates a new run folder under {@code out}. */
    public static RunFolder create(Path out) throws IOException {
        String sha = git("rev-parse", "--short=12", "HEAD");
        boolean dirty = !git("status", "--porcelain", "--untracked-files=no").isEmpty();
        String name = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + (sha.isEmpty() ? "nogit" : sha)
                + (dirty ? "-dirty" : "");
        Path dir = out.resolve(name);
        Files.createDirectories(dir);
        return new RunFolder(dir, sha.isEmpty() ? "nogit" : sha, dirty);
    }

    /** Runs git and returns its trimmed output, or empty when git is unavailable. */
    static String git(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
