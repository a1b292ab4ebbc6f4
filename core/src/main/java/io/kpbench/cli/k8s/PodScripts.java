package io.kpbench.cli.k8s;

/**
 * The bash scripts the Jobs' containers run. Each clones the repository at the commit, runs its step with the
 * output to a log beside the results, writes {@code <tag>.exit} and {@code <tag>.done} on the results volume,
 * then holds: it sleeps until {@code <tag>.copied} appears (what the printed commands touch after {@code kubectl
 * cp}) or the hold runs out, and exits with the step's code. {@code kubectl cp} needs a running container (it
 * runs {@code tar} in it), so a finished pod's emptyDir could not be copied; the readiness probe on
 * {@code <tag>.done} lets {@code kubectl wait --for=condition=ready} tell when the copy can start.
 */
public final class PodScripts {
    /** Where the results volume is mounted in every container. */
    public static final String RESULTS = "/results";
    /** The bench shard's tag: {@code shard-1} for completion index 0. */
    static final String SHARD_TAG = "shard-$((JOB_COMPLETION_INDEX+1))";
    /** The lab's tag. */
    static final String LAB_TAG = "lab";
    /** The back ends the lab Job measures; IPVS is reported (available or not) in calibration.json. */
    public static final String LAB_MODES = "iptables-nft,iptables-legacy,nftables";
    /**
     * The lab's own step, run from the checkout with {@code R} (the results folder) and {@code T} (the tag) set:
     * load ip_vs where the node allows (kube-proxy's IPVS mode needs it; the lab records whether it is there), then
     * today's kernel lab, which works only inside the {@code kpblab-*} namespaces it creates.
     */
    public static final String LAB_STEP = "modprobe ip_vs || true\n"
            + "scripts/kernel-lab.sh --modes " + LAB_MODES + " --out \"$R/$T\"\n";

    private PodScripts() {
    }

    /** The bench shard's script: README's bench command with the shard from {@code JOB_COMPLETION_INDEX}. */
    static String bench(Source s, String profile, int shards, int holdSeconds) {
        String step = "command -v git >/dev/null || { apt-get update -qq && apt-get install -y -qq git >/dev/null; }\n"
                + s.cloneLines("/src")
                + benchCommand(profile, shards) + "\n";
        return script(SHARD_TAG, step, holdSeconds);
    }

    /** {@code mvn -B verify -Pbench} with the profile, the shard and the output folder of this pod's index. */
    static String benchCommand(String profile, int shards) {
        return "mvn -B verify -Pbench -Dbench.profile=" + profile + " -Dbench.shard=$((JOB_COMPLETION_INDEX+1))/"
                + shards + " -Dbench.out=" + RESULTS + "/" + SHARD_TAG;
    }

    /** The lab's script: the tools from apt-get, the clone, then {@link #LAB_STEP}. */
    static String lab(Source s, int holdSeconds) {
        String step = "export DEBIAN_FRONTEND=noninteractive\n"
                + "apt-get update -qq\n"
                + "apt-get install -y -qq --no-install-recommends git iptables nftables iproute2 kmod >/dev/null\n"
                + s.cloneLines("/src")
                + LAB_STEP;
        return script(LAB_TAG, step, holdSeconds);
    }

    /** The readiness probe's command: true once the step is done. */
    static String doneTest(String tag) {
        return "test -e " + RESULTS + "/" + tag + ".done";
    }

    private static String script(String tag, String step, int holdSeconds) {
        StringBuilder b = new StringBuilder();
        b.append("set -uo pipefail\n")
                .append("R=").append(RESULTS).append("\n")
                .append("T=").append(tag).append("\n")
                .append("(\nset -e\n").append(step).append(") 2>&1 | tee \"$R/$T.log\"\n")
                .append("code=${PIPESTATUS[0]}\n")
                .append("echo \"$code\" > \"$R/$T.exit\"\n")
                .append("touch \"$R/$T.done\"\n");
        if (holdSeconds > 0) {
            b.append("echo \"kpbench: $T done (exit $code); holding $R/$T for kubectl cp until $R/$T.copied exists"
                    + " (at most ").append(holdSeconds).append(" s)\"\n")
                    .append("w=0\n")
                    .append("while [ ! -e \"$R/$T.copied\" ] && [ \"$w\" -lt ").append(holdSeconds)
                    .append(" ]; do sleep 5; w=$((w + 5)); done\n");
        }
        b.append("exit \"$code\"\n");
        return b.toString();
    }
}
