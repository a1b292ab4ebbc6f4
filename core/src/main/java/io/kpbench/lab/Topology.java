package io.kpbench.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab's private network: client, node and backend namespaces joined by two veth pairs that are created
 * inside the namespaces (never in the host's), with forwarding on in the node namespace only.
 *
 * <pre>
 *  client 10.250.0.2 --veth-- 10.250.0.1 node 10.251.0.1 --veth-- 10.251.0.2 backend (+ pod IPs /32)
 *  default via 10.250.0.1     ip_forward=1, kube-proxy rules    default via 10.251.0.1, echo responder
 *  pod CIDR 10.244.0.0/16 via 10.251.0.2 in the node
 * </pre>
 */
final class Topology implements AutoCloseable {
    static final String CLIENT_IP = "10.250.0.2";
    static final String NODE_IP = "10.251.0.1";
    static final String POD_CIDR = "10.244.0.0/16";

    private final LabNames names;
    private final List<Process> children = new ArrayList<>();

    private Topology(LabNames names) {
        this.names = names;
    }

    /** Builds the namespaces and links of {@code names}; on failure removes what it made and rethrows. */
    static Topology create(LabNames names) {
        Topology t = new Topology(names);
        try {
            t.build();
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    LabNames names() {
        return names;
    }

    private void build() {
        String c = names.client();
        String n = names.node();
        String b = names.backend();
        for (String ns : names.all()) {
            Shell.check(null, "ip", "netns", "add", ns);
            Shell.inNs(ns, null, "ip", "link", "set", "lo", "up");
        }
        Shell.inNs(n, null, "ip", "link", "add", "to-c", "type", "veth", "peer", "name", "to-n", "netns", c);
        Shell.inNs(n, null, "ip", "link", "add", "to-b", "type", "veth", "peer", "name", "to-n", "netns", b);
        Shell.inNs(c, null, "ip", "addr", "add", CLIENT_IP + "/24", "dev", "to-n");
        Shell.inNs(c, null, "ip", "link", "set", "to-n", "up");
        Shell.inNs(c, null, "ip", "route", "add", "default", "via", "10.250.0.1");
        Shell.inNs(n, null, "ip", "addr", "add", "10.250.0.1/24", "dev", "to-c");
        Shell.inNs(n, null, "ip", "addr", "add", NODE_IP + "/24", "dev", "to-b");
        Shell.inNs(n, null, "ip", "link", "set", "to-c", "up");
        Shell.inNs(n, null, "ip", "link", "set", "to-b", "up");
        Shell.inNs(n, null, "ip", "route", "add", POD_CIDR, "via", "10.251.0.2");
        Shell.inNs(n, null, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        Shell.inNs(b, null, "ip", "addr", "add", "10.251.0.2/24", "dev", "to-n");
        Shell.inNs(b, null, "ip", "link", "set", "to-n", "up");
        Shell.inNs(b, null, "ip", "route", "add", "default", "via", NODE_IP);
    }

    /** Adds {@code ip/32} to the backend's interface: a pod address the responder answers on. */
    void addPodIp(String ip) {
        Shell.run(null, Shell.nsArgv(names.backend(), "ip", "addr", "add", ip + "/32", "dev", "to-n"));
    }

    /** Starts {@code argv} inside namespace {@code ns}; it is killed on {@link #close()}. */
    Process spawn(String ns, List<String> argv) {
        try {
            Process p = new ProcessBuilder(Shell.nsArgv(ns, argv.toArray(new String[0])))
                    .redirectErrorStream(true).start();
            children.add(p);
            return p;
        } catch (java.io.IOException e) {
            throw new LabException("cannot start " + argv.get(0) + " in " + ns + ": " + e.getMessage());
        }
    }

    /** Kills the children and deletes the namespaces (and with them the veths); never throws. */
    @Override
    public void close() {
        for (Process p : children) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : children) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : names.all()) {
            Shell.run(null, "ip", "netns", "del", ns);
        }
    }

    /**
     * Deletes every lab namespace left by a run whose process is gone (the run id starts with its pid, so a
     * concurrent live run is left alone); returns how many.
     */
    static int cleanLeftovers() {
        int n = 0;
        for (String line : Shell.run(null, "ip", "netns", "list").out().split("\n")) {
            String ns = line.strip().split("\\s+")[0];
            if (!ns.startsWith(LabNames.PREFIX) || LabNames.ownerAlive(ns)) {
                continue;
            }
            Shell.run(null, "ip", "netns", "pids", ns).out().lines()
                    .forEach(pid -> Shell.run(null, "kill", "-9", pid.strip()));
            Shell.run(null, "ip", "netns", "del", ns);
            n++;
        }
        return n;
    }
}
