package io.kpbench.proxy;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The endpoints of every service port of one service, as kube-proxy's {@code EndpointSliceCache} merges them:
 * slice ports matched by name and protocol, endpoints of the proxier's family only, deduplicated by
 * {@code ip:port} (preferring the local copy), and sorted by that string.
 */
public final class EndpointsMap {
    private EndpointsMap() {
    }

    /** The endpoints of each port of {@code service}, for a proxier of {@code family} on {@code nodeName}. */
    public static Map<ServicePortName, List<EndpointInfo>> of(ClusterSnapshot cluster, ObjectRef service,
            IpFamily family, String nodeName) {
        return of(cluster.slicesOf(service), service, family, nodeName);
    }

    /** As {@link #of(ClusterSnapshot, ObjectRef, IpFamily, String)}, from the service's slices. */
    public static Map<ServicePortName, List<EndpointInfo>> of(List<EndpointSlice> slices, ObjectRef service,
            IpFamily family, String nodeName) {
        if (slices.isEmpty()) {
            return Map.of();
        }
        Map<ServicePortName, Map<String, EndpointInfo>> bySp = new LinkedHashMap<>();
        for (EndpointSlice slice : slices) {
            for (EndpointPort port : slice.ports()) {
                ServicePortName spn = new ServicePortName(service, port.name(), port.protocol());
                Map<String, EndpointInfo> set = bySp.computeIfAbsent(spn, k -> new HashMap<>());
                for (Endpoint e : slice.endpoints()) {
                    if (e.addresses().isEmpty()) {
                        continue;
                    }
                    IpAddress ip = e.address();
                    if (ip.family() != family) {
                        continue;
                    }
                    String node = e.nodeName() == null ? "" : e.nodeName();
                    boolean local = !nodeName.isEmpty() && node.equals(nodeName);
                    EndpointInfo info = new EndpointInfo(ip, port.port(), local, e.isReady(), e.isServing(),
                            e.isTerminating(), node, Set.copyOf(e.zoneHints()), Set.copyOf(e.nodeHints()));
                    String key = info.toString();
                    if (!set.containsKey(key) || local) {
                        set.put(key, info);
                    }
                }
            }
        }
        Map<ServicePortName, List<EndpointInfo>> out = new HashMap<>();
        for (Map.Entry<ServicePortName, Map<String, EndpointInfo>> en : bySp.entrySet()) {
            if (en.getValue().isEmpty()) {
                continue;
            }
            List<EndpointInfo> list = new ArrayList<>(en.getValue().values());
            Collections.sort(list);
            out.put(en.getKey(), List.copyOf(list));
        }
        return out;
    }
}
