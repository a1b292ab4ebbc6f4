package io.kpbench.proxy.iptables;

import static io.kpbench.proxy.ModeTestCluster.FAKE_NODE;
import static io.kpbench.proxy.ModeTestCluster.svc;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.ServiceType;
import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.ModeTestCluster.TestService;
import io.kpbench.proxy.ModeTestCluster;
import io.kpbench.proxy.PacketFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small seeded clusters exercising every kube-proxy feature, and the packets worth sending to them. */
final class RandomClusters {
    private RandomClusters() {
    }

    static ClusterSnapshot cluster(long seed) {
        Random r = new Random(seed);
        List<Service> services = new ArrayList<>();
        List<EndpointSlice> slices = new ArrayList<>();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            ServiceType type = ServiceType.values()[r.nextInt(3)];
            TestService s = svc("ns" + i, "svc" + i).type(type).clusterIP("172.30.0." + (10 + i));
            int ports = 1 + r.nextInt(2);
            List<EndpointPort> eports = new ArrayList<>();
            for (int j = 0; j < ports; j++) {
                Protocol p = r.nextInt(4) == 0 ? Protocol.UDP : Protocol.TCP;
                int nodePort = type.hasNodePorts() && r.nextInt(5) > 0 ? 30000 + i * 10 + j : 0;
                s.port("p" + j, p, 80 + j, nodePort, 8000 + j);
                eports.add(new EndpointPort("p" + j, p, 8000 + j));
            }
            boolean externalLocal = type.hasNodePorts() && r.nextBoolean();
            if (externalLocal) {
                s.externalLocal();
            }
            if (r.nextInt(4) == 0) {
                s.internalLocal();
            }
            if (r.nextInt(3) == 0) {
                s.externalIPs("192.168.99." + (20 + i));
            }
            if (type == ServiceType.LoadBalancer) {
                if (r.nextInt(4) == 0) {
                    s.lb("1.2.4." + i, IpMode.Proxy);
                }
                s.lb("1.2.3." + i);
                if (r.nextBoolean()) {
                    s.sourceRanges(r.nextBoolean() ? "203.0.113.0/25" : "192.168.0.0/24");
                }
                if (externalLocal) {
                    s.healthCheckNodePort(32000 + i);
                }
            }
            if (r.nextInt(3) == 0) {
                s.affinity(1 + r.nextInt(100));
            }
            services.add(s.build());
            int eps = r.nextInt(4);
            if (eps > 0 || r.nextBoolean()) {
                List<Endpoint> list = new ArrayList<>();
                for (int k = 0; k < eps; k++) {
                    String node = switch (r.nextInt(3)) {
                        case 0 -> FAKE_NODE;
                        case 1 -> "other";
                        default -> null;
                    };
                    int cond = r.nextInt(5);
                    list.add(ModeTestCluster.ep("10.180." + i + "." + (k + 1), node, cond < 3 ? null : false,
                            cond == 4 ? false : null, cond >= 3 ? true : null));
                }
                slices.add(new EndpointSlice(ObjectRef.of("ns" + i, "svc" + i + "-1"), "svc" + i, IpFamily.IPv4,
                        eports, list));
            }
        }
        return ClusterSnapshot.of(services, slices, List.of());
    }

    /** Packets from every kind of source to every address of every service port of {@code c}. */
    static List<FiveTuple> packets(ClusterSnapshot c) {
        List<String> sources = List.of(PacketFlow.POD, PacketFlow.NODE_IP, PacketFlow.EXT, PacketFlow.BLOCKED,
                "127.0.0.1", "10.180.0.1", "1.2.3.0");
        List<FiveTuple> out = new ArrayList<>();
        for (Service s : c.services().values()) {
            for (ServicePort p : s.ports()) {
                List<String[]> dsts = new ArrayList<>();
                dsts.add(new String[] {s.clusterIP().toString(), "" + p.port()});
                s.externalIPs().forEach(ip -> dsts.add(new String[] {ip.toString(), "" + p.port()}));
                s.ingress().forEach(in -> dsts.add(new String[] {in.ip().toString(), "" + p.port()}));
                if (p.nodePort() != 0) {
                    dsts.add(new String[] {PacketFlow.NODE_IP, "" + p.nodePort()});
                    dsts.add(new String[] {"127.0.0.1", "" + p.nodePort()});
                }
                if (s.healthCheckNodePort() != 0) {
                    dsts.add(new String[] {PacketFlow.NODE_IP, "" + s.healthCheckNodePort()});
                }
                for (String[] d : dsts) {
                    for (String src : sources) {
                        out.add(new FiveTuple().set(IpAddress.parse(src), 5555, IpAddress.parse(d[0]),
                                Integer.parseInt(d[1]), p.protocol()));
                    }
                }
            }
        }
        return out;
    }
}
