package io.kpbench.proxy.userspace;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Service;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.EndpointsMap;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.proxy.ServicePortName;
import io.kpbench.table.StableIds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Compiles a snapshot into {@link PortalTables}, as the userspace proxier's {@code OnServiceUpdate} (portals)
 * and {@code LoadBalancerRR.OnEndpointsUpdate} (endpoint lists) did: ready endpoints only, shuffled when the set
 * changes, order and cursor kept when it does not.
 */
final class UserspaceCompiler {
    private final NodeConfig node;
    private final IpFamily family;

    /** One generation plus what the next sync needs. */
    record Result(PortalTables tables, StableIds endpointIds, StableIds servicePortIds, Map<String, List<String>> order,
            int written) {
    }

    UserspaceCompiler(NodeConfig node, IpFamily family) {
        this.node = node;
        this.family = family;
    }

    Result compile(ClusterSnapshot cluster, PortalTables previous, StableIds prevEndpoints, StableIds prevPorts,
            Map<String, List<String>> prevOrder) {
        List<ServicePortInfo> ports = new ArrayList<>();
        List<List<EndpointInfo>> ready = new ArrayList<>();
        for (Service svc : cluster.services().values()) {
            List<ServicePortInfo> infos = ServicePortInfo.of(svc, family);
            if (infos.isEmpty()) {
                continue;
            }
            Map<ServicePortName, List<EndpointInfo>> eps = EndpointsMap.of(cluster, svc.ref(), family,
                    node.nodeName());
            for (ServicePortInfo spi : infos) {
                List<EndpointInfo> r = new ArrayList<>();
                for (EndpointInfo ep : eps.getOrDefault(spi.name(), List.of())) {
                    if (ep.ready()) {
                        r.add(ep);
                    }
                }
                ports.add(spi);
                ready.add(r);
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            names.add(name(ports.get(i)));
            for (EndpointInfo ep : ready.get(i)) {
                keys.add(ep.toString());
            }
        }
        StableIds epIds = prevEndpoints.assign(keys);
        StableIds spIds = prevPorts.assign(names);
        PortalTables t = new PortalTables(family == IpFamily.IPv4);
        t.sizeEndpoints(epIds.maxId());
        Map<String, Integer> oldIndex = new HashMap<>();
        for (int s = 0; s < previous.servicePorts; s++) {
            oldIndex.put(previous.spName[s], s);
        }
        Map<String, List<String>> order = new HashMap<>();
        int written = 0;
        for (int i = 0; i < ports.size(); i++) {
            ServicePortInfo spi = ports.get(i);
            String name = name(spi);
            List<String> texts = new ArrayList<>();
            for (EndpointInfo ep : ready.get(i)) {
                int id = epIds.id(ep.toString());
                t.epHi[id] = ep.ip().hi();
                t.epLo[id] = ep.ip().lo();
                t.epPort[id] = ep.port();
                t.epText[id] = ep.toString();
                texts.add(ep.toString());
            }
            List<String> before = prevOrder.get(name);
            Integer old = oldIndex.get(name);
            boolean same = before != null && old != null && new HashSet<>(before).equals(new HashSet<>(texts))
                    && before.size() == texts.size();
            List<String> rotation = same ? before : shuffled(texts, name);
            written += same ? 0 : 1;
            order.put(name, rotation);
            int[] eps = new int[rotation.size()];
            for (int k = 0; k < eps.length; k++) {
                eps[k] = epIds.id(rotation.get(k));
            }
            int sp = t.addServicePort(name, spIds.id(name), eps, spi.stickyMaxAgeSeconds() * 1_000_000_000L,
                    same ? previous.cursor[old] : 0);
            portals(t, spi, sp);
        }
        return new Result(t, epIds, spIds, order, written);
    }

    private void portals(PortalTables t, ServicePortInfo spi, int sp) {
        int proto = spi.protocol().number();
        t.addPortal(spi.clusterIP().hi(), spi.clusterIP().lo(), proto, spi.port(), sp);
        for (IpAddress ip : spi.externalIPs()) {
            t.addPortal(ip.hi(), ip.lo(), proto, spi.port(), sp);
        }
        for (IpAddress ip : spi.loadBalancerVIPs()) {
            t.addPortal(ip.hi(), ip.lo(), proto, spi.port(), sp);
        }
        if (spi.nodePort() != 0) {
            for (IpAddress ip : node.nodeIPs(family)) {
                boolean selected = node.nodePortAddresses().isEmpty();
                for (Cidr c : node.nodePortAddresses()) {
                    selected |= c.contains(ip);
                }
                if (selected) {
                    t.addPortal(ip.hi(), ip.lo(), proto, spi.nodePort(), sp);
                }
            }
        }
    }

    static String name(ServicePortInfo spi) {
        return spi.name() + "/" + spi.protocol().name();
    }

    private static List<String> shuffled(List<String> texts, String name) {
        List<String> out = new ArrayList<>(texts);
        Collections.shuffle(out, new Random(name.hashCode()));
        return List.copyOf(out);
    }
}
