package io.kpbench.lab;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.synthetic.SyntheticCluster;
import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ProxyMode;
import io.kpbench.proxy.iptables.IptablesDataPlane;
import io.kpbench.proxy.nftables.NftablesDataPlane;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic cluster of N single-endpoint ClusterIP services (TCP), with the rulesets the model renders for it
 * and the services that sit first, in the middle and last of the rendered {@code KUBE-SERVICES} chain.
 *
 * <p>One adaptation is made for the kernel: the {@code -m nfacct} match of {@code KUBE-FORWARD}'s INVALID rule
 * is dropped, since kube-proxy creates its accounting object over netlink and the lab has no such object.
 */
final class LabCluster {
    /** A service under test: its position in KUBE-SERVICES, its ClusterIP:port and its one endpoint. */
    record Target(String position, int rulesBefore, String service, String clusterIp, int port, String endpointIp) {
    }

    private final ClusterSnapshot cluster;
    private final NodeConfig node;
    private final String iptablesFull;
    private final List<Target> targets;

    LabCluster(int services) {
        SyntheticSpec spec = SyntheticSpec.parse("services=" + services + ",endpoints=1,nodes=1,udp=0,seed=1");
        this.cluster = SyntheticCluster.generate(spec);
        this.node = new NodeConfig("node-0001", List.of(IpAddress.parse(Topology.NODE_IP)), null,
                List.of(Cidr.parse("10.244.0.0/16")), false, NodeConfig.DEFAULT_MASQUERADE_BIT, List.of(), true,
                List.of(), true);
        IptablesDataPlane ipt = new IptablesDataPlane(node, IpFamily.IPv4);
        ipt.sync(cluster);
        this.iptablesFull = adapt(ipt.render()); // the restore input plus the jump rules kube-proxy adds
        this.targets = findTargets(iptablesFull);
    }

    ClusterSnapshot cluster() {
        return cluster;
    }

    List<Target> targets() {
        return targets;
    }

    /** A synced model proxier of {@code mode} for this cluster. */
    DataPlane model(ProxyMode mode) {
        DataPlane dp = mode.create(node, IpFamily.IPv4);
        dp.sync(cluster);
        return dp;
    }

    /** The full ruleset of {@code b}: iptables-restore input or the nft -f transaction. */
    String fullLoad(KernelBackend b) {
        if (b.isIptables()) {
            return iptablesFull;
        }
        return String.join("\n", ((NftablesDataPlane) model(ProxyMode.NFTABLES)).lastTransaction()) + "\n";
    }

    /** The one-service partial update kube-proxy writes when {@code t}'s service changes. */
    String partialLoad(KernelBackend b, Target t) {
        Service svc = findService(t.service());
        ChangeSet change = ChangeSet.builder().updateService(svc).build();
        if (b.isIptables()) {
            IptablesDataPlane ipt = new IptablesDataPlane(node, IpFamily.IPv4);
            ipt.sync(cluster);
            ipt.sync(cluster, change);
            return adapt(ipt.lastRestoreInput());
        }
        NftablesDataPlane nft = new NftablesDataPlane(node, IpFamily.IPv4);
        nft.sync(cluster);
        nft.sync(cluster, change);
        return String.join("\n", nft.lastTransaction()) + "\n";
    }

    private Service findService(String nsName) {
        for (Service s : cluster.services().values()) {
            if ((s.ref().namespace() + "/" + s.ref().name()).equals(nsName)) {
                return s;
            }
        }
        throw new LabException("no service " + nsName);
    }

    static String adapt(String restore) {
        return restore.replaceAll(" -m nfacct --nfacct-name \\S+", "");
    }

    private static List<Target> findTargets(String restore) {
        List<String[]> svcRules = new ArrayList<>();
        Map<String, String> jumpOf = new HashMap<>(); // KUBE-SVC-x -> KUBE-SEP-y, KUBE-SEP-y -> pod IP
        boolean nat = false;
        for (String line : restore.split("\n")) {
            if (line.startsWith("*")) {
                nat = line.equals("*nat");
            } else if (nat && line.startsWith("-A KUBE-SERVICES ") && line.contains(" cluster IP\"")) {
                String name = between(line, "--comment \"", " cluster IP\"");
                svcRules.add(new String[] {name, between(line, " -d ", " "), between(line, "--dport ", " "),
                    between(line, " -j ", " ")});
            } else if (nat && line.startsWith("-A KUBE-SVC-") && line.contains(" -j KUBE-SEP-")) {
                jumpOf.putIfAbsent(between(line, "-A ", " "), between(line, " -j ", " "));
            } else if (nat && line.startsWith("-A KUBE-SEP-") && line.contains("--to-destination ")) {
                String dest = between(line, "--to-destination ", " ");
                jumpOf.put(between(line, "-A ", " "), dest.substring(0, dest.lastIndexOf(':')));
            }
        }
        if (svcRules.isEmpty()) {
            throw new LabException("the rendered KUBE-SERVICES has no cluster IP rule");
        }
        int last = svcRules.size() - 1;
        int[] at = {0, last / 2, last};
        String[] label = {"first", "middle", "last"};
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String[] r = svcRules.get(at[i]);
            String pod = jumpOf.get(jumpOf.get(r[3]));
            if (pod == null) {
                throw new LabException("no endpoint found for " + r[0] + " in the rendered ruleset");
            }
            out.add(new Target(label[i], at[i], r[0], r[1], Integer.parseInt(r[2]), pod));
        }
        return out;
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from) + from.length();
        int b = s.indexOf(to, a);
        return s.substring(a, b < 0 ? s.length() : b);
    }
}
