package io.kpbench.cli.k8s;

import io.kpbench.common.UserError;
import java.util.regex.Pattern;

/**
 * What a Job's pod builds: the image it runs (a public JDK + Maven image by default, none of our own), the
 * repository it clones and the commit it checks out. Each value is pasted into a shell script inside single
 * quotes, so none may hold a quote, a space or a shell character.
 *
 * @param repo the URL the pod clones ({@code git clone URL})
 * @param commit the commit it checks out: 7 to 40 hex digits
 * @param image the container image: a JDK 17 and Maven 3.8+, with git (or apt-get to install it)
 */
public record Source(String repo, String commit, String image) {
    /** The default image: Docker's official Maven image on Eclipse Temurin 17 (Ubuntu; has git, tar and bash). */
    public static final String DEFAULT_IMAGE = "maven:3.9-eclipse-temurin-17";

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9@:/._~+%=-]+");

    /** Checks every value, naming the option of the first that is wrong. */
    public Source {
        if (repo == null || repo.isBlank()) {
            throw new UserError("--repo: give the URL the cluster clones (this checkout has no origin remote)");
        }
        if (!SAFE.matcher(repo).matches()) {
            throw new UserError("--repo: '" + repo + "' holds a character a URL does not need (a space, a quote or "
                    + "a shell character)");
        }
        if (commit == null || !COMMIT.matcher(commit).matches()) {
            throw new UserError("--commit: '" + commit + "' is not a commit id (7 to 40 lowercase hex digits)");
        }
        if (image == null || !SAFE.matcher(image).matches()) {
            throw new UserError("--image: '" + image + "' is not an image reference");
        }
    }

    /** The first 8 digits of the commit, for names. */
    public String shortCommit() {
        return commit.substring(0, Math.min(8, commit.length()));
    }

    /** The script lines that clone the repository into {@code dir} and check out the commit. */
    String cloneLines(String dir) {
        return "git clone --quiet '" + repo + "' " + dir + "\n"
                + "cd " + dir + "\n"
                + "git checkout --quiet '" + commit + "'\n";
    }
}
