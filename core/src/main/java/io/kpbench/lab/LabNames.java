package io.kpbench.lab;

/**
 * The names of a run's network namespaces: the fixed prefix {@value #PREFIX}, the run id and a role, so that
 * every namespace the lab creates can be found, and removed, by prefix.
 */
final class LabNames {
    /** The prefix of every lab namespace. */
    static final String PREFIX = "kpblab-";

    private final String runId;

    private LabNames(String runId) {
        this.runId = runId;
    }

    /** Names for a new run of this process: the run id is {@code <pid>x<base36 millis>}. */
    static LabNames fresh() {
        return new LabNames(ProcessHandle.current().pid() + "x"
                + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36));
    }

    /** True when the process that created lab namespace {@code ns} still runs. */
    static boolean ownerAlive(String ns) {
        String rest = ns.substring(PREFIX.length());
        int x = rest.indexOf('x');
        if (x <= 0) {
            return false;
        }
        try {
            long pid = Long.parseLong(rest.substring(0, x));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The run id. */
    String runId() {
        return runId;
    }

    /** The client namespace, where connections start. */
    String client() {
        return PREFIX + runId + "-c";
    }

    /** The node namespace, which holds kube-proxy's rules and forwards. */
    String node() {
        return PREFIX + runId + "-n";
    }

    /** The backend namespace, which holds the pod addresses and the responder. */
    String backend() {
        return PREFIX + runId + "-b";
    }

    /** All three, client first. */
    String[] all() {
        return new String[] {client(), node(), backend()};
    }
}
