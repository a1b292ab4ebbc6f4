package io.kpbench.path;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServicePort;
import java.util.ArrayList;
import java.util.List;

/**
 * SRV records for {@code _port._proto.svc.ns.svc.cluster.local}, as CoreDNS's kubernetes plugin builds them:
 * priority 0, weight 100 split evenly, the port, and the service name (or, headless, each ready endpoint's name).
 */
final class DnsSrv {
    private DnsSrv() {
    }

    /** The records of {@code port}/{@code proto} of {@code s}, or null when the service has no such port. */
    static List<DnsRecord> records(ClusterSnapshot cluster, Service s, String owner, String port, String proto) {
        ServicePort sp = null;
        for (ServicePort p : s.ports()) {
            if (p.name().equals(port) && p.protocol().lower().equals(proto)) {
                sp = p;
            }
        }
        if (sp == null) {
            return null;
        }
        String svcName = s.ref().name() + "." + s.ref().namespace() + ".svc." + ClusterDns.DOMAIN + ".";
        List<String[]> targets = new ArrayList<>();
        if (s.headless()) {
            for (EndpointSlice slice : cluster.slicesOf(s.ref())) {
                int epPort = ClusterDns.port(slice, sp.name());
                for (Endpoint e : slice.endpoints()) {
                    if (e.isReady() && epPort != 0) {
                        String host = e.hostname() != null ? e.hostname() : e.address().toString().replace('.', '-')
                                .replace(':', '-');
                        targets.add(new String[] {String.valueOf(epPort), host + "." + svcName});
                    }
                }
            }
        } else {
            targets.add(new String[] {String.valueOf(sp.port()), svcName});
        }
        List<DnsRecord> out = new ArrayList<>();
        int weight = targets.isEmpty() ? 0 : 100 / targets.size();
        for (String[] t : targets) {
            out.add(new DnsRecord(owner, ClusterDns.TTL, DnsType.SRV, "0 " + weight + " " + t[0] + " " + t[1]));
        }
        return out;
    }
}
