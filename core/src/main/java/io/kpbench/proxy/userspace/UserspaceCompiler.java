package io.kpbench.proxy.userspace;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.EndpointInfo;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortEndpoints;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.table.AffinityTable;
import io.kpbench.table.LinearProbeLongIntMap;
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
 * Compiles a snapshot into {@link UserspaceTables}, as the userspace proxier's {@code OnServiceUpdate} (portals)
 * and {@code LoadBalancerRR.OnEndpointsUpdate} (endpoint lists) did: ready endpoints only, shuffled when the set
 * changes, order and cursor kept (read from the previous generation) when it does not.
 */
final class UserspaceCompiler {
    private final NodeConfig node;
    private final IpFamily family;

    /** One generation and the service ports whose rotation the sync rewrote. */
    record Result(UserspaceTables tables, int written) {
    }

    UserspaceCompiler(NodeConfig node, IpFamily family) {
        this.node = node;
        this.family = family;
    }

    /** Compiles {@code cluster}, continuing the ids, rotations and cursors of {@code previous}. */
    Result compile(ClusterSnapshot cluster, UserspaceTables previous) {
        List<ServicePortEndpoints> ports = ServicePortEndpoints.of(cluster, family, node);
        List<List<EndpointInfo>> ready = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (ServicePortEndpoints sp : ports) {
            List<EndpointInfo> r = sp.ready();
            ready.add(r);
            names.add(name(sp.info()));
            for (EndpointInfo ep : r) {
                keys.add(ep.toString());
            }
        }
        StableIds epIds = previous.endpointIds.assign(keys);
        StableIds spIds = previous.servicePortIds.assign(names);
        UserspaceTables t = new UserspaceTables(family == IpFamily.IPv4, epIds, spIds);
        t.sizeEndpoints(epIds.maxId());
        Map<String, Integer> oldIndex = new HashMap<>();
        for (int s = 0; s < previous.servicePorts; s++) {
            oldIndex.put(previous.spName[s], s);
        }
        int written = 0;
        for (int i = 0; i < ports.size(); i++) {
            ServicePortInfo spi = ports.get(i).info();
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
            Integer old = oldIndex.get(name);
            List<String> before = old == null ? null : UserspaceRenderer.rotation(previous, old);
            boolean same = before != null && new HashSet<>(before).equals(new HashSet<>(texts))
                    && before.size() == texts.size();
            List<String> rotation = same ? before : shuffled(texts, name);
            written += same ? 0 : 1;
            int[] eps = new int[rotation.size()];
            for (int k = 0; k < eps.length; k++) {
                eps[k] = epIds.id(rotation.get(k));
            }
            int sp = t.addServicePort(name, spIds.id(name), eps, spi.stickyMaxAgeSeconds() * 1_000_000_000L,
                    same ? previous.rrCursor[old] : 0);
            portals(t, spi, sp);
        }
        return new Result(t, written);
    }

    /**
     * Drops affinity entries whose service port lost the endpoint ({@code updateAffinityMap}); the IPv6 key is a
     * fingerprint that names no service port, so an IPv6 proxier drops them all.
     */
    static void pruneAffinity(AffinityTable affinity, UserspaceTables t) {
        if (affinity.size() == 0) {
            return;
        }
        boolean v4 = t.v4;
        LinearProbeLongIntMap valid = new LinearProbeLongIntMap(t.endpointsUsed + 1, -1);
        for (int s = 0; s < t.servicePorts; s++) {
            for (int k = t.epStart[s], end = k + t.epCount[s]; k < end; k++) {
                valid.put(((long) t.spId[s] << 32) | t.endpoints[k], 1);
            }
        }
        affinity.removeIf((key, ep, lastUsed) -> !v4 || !valid.containsKey(((key & 0xFFFF_FFFFL) << 32) | ep));
    }

    private void portals(UserspaceTables t, ServicePortInfo spi, int sp) {
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
