package io.kpbench.proxy.ipvs;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the difference between what a Service had and what it needs, issuing the netlink and ipset writes a
 * real kube-proxy would, and counting them.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go} ({@code syncService}: add, or update when flags or
 * timeout differ; {@code syncEndpoint}: add missing real servers with weight 1, gracefully delete extra ones;
 * {@code cleanLegacyService}: delete virtual servers nothing wants; kube-ipvs0 binds and unbinds;
 * {@code syncIPSetEntries}: {@code ipset add}/{@code del} of the changed entries).
 */
final class IpvsSync {
    /** Write counts of one sync. */
    static final class Counts {
        int virtualServers;
        int realServers;
        int addresses;
        int ipsetEntries;

        int total() {
            return virtualServers + realServers + addresses + ipsetEntries;
        }
    }

    private final IpvsCore core;
    private final IpvsIpSets ipsets;
    private final GracefulTermination graceful;
    private final Map<String, Integer> ownerIds = new HashMap<>();
    final java.util.ArrayList<String> owners = new java.util.ArrayList<>();
    final Map<Long, Integer> outFilter = new LinkedHashMap<>();

    IpvsSync(IpvsCore core, IpvsIpSets ipsets, GracefulTermination graceful) {
        this.core = core;
        this.ipsets = ipsets;
        this.graceful = graceful;
    }

    /** Moves from {@code old} to {@code neu}. */
    void apply(DesiredService old, DesiredService neu, Counts c) {
        Map<Long, DesiredService.VirtualServer> want = new LinkedHashMap<>();
        for (DesiredService.VirtualServer vs : neu.virtualServers()) {
            want.put(vs.key(), vs);
        }
        for (DesiredService.VirtualServer vs : old.virtualServers()) {
            if (!want.containsKey(vs.key())) {
                int v = core.vst.find(vs.key());
                if (v >= 0) {
                    core.deleteService(v);
                    c.virtualServers++;
                }
            }
        }
        for (DesiredService.VirtualServer vs : want.values()) {
            int v = core.vst.find(vs.key());
            if (v < 0) {
                v = core.addService(vs.key(), vs.flags(), vs.timeoutSeconds(), ownerId(vs.owner()), vs.kind());
                c.virtualServers++;
            } else if (core.vst.flags[v] != vs.flags() || core.vst.timeoutSeconds[v] != vs.timeoutSeconds()) {
                core.editService(v, vs.flags(), vs.timeoutSeconds());
                c.virtualServers++;
            }
            syncDests(v, vs.dests(), c);
        }
        Map<IpvsIpSets.Entry, Integer> delta = new HashMap<>();
        for (IpvsIpSets.Entry e : neu.entries()) {
            delta.merge(e, 1, Integer::sum);
        }
        for (IpvsIpSets.Entry e : old.entries()) {
            delta.merge(e, -1, Integer::sum);
        }
        for (Map.Entry<IpvsIpSets.Entry, Integer> en : delta.entrySet()) {
            IpvsIpSets.Entry e = en.getKey();
            for (int i = 0; i < en.getValue(); i++) {
                count(ipsets.ref(e), e, c);
            }
            for (int i = 0; i > en.getValue(); i--) {
                count(ipsets.unref(e), e, c);
            }
        }
        for (long k : old.outFilter()) {
            outFilter.merge(k, -1, Integer::sum);
            outFilter.remove(k, 0);
        }
        for (long k : neu.outFilter()) {
            outFilter.merge(k, 1, Integer::sum);
        }
    }

    private static void count(boolean changed, IpvsIpSets.Entry e, Counts c) {
        if (changed) {
            c.ipsetEntries++;
            if (e.set() == IpvsIpSets.IPVS_IPS) {
                c.addresses++;
            }
        }
    }

    private void syncDests(int v, List<Long> want, Counts c) {
        Map<Long, Integer> have = new HashMap<>();
        for (int d = core.vst.firstDest[v]; d >= 0; d = core.rs.next[d]) {
            have.put(DesiredService.dest(core.rs.addr[d], core.rs.port[d]), d);
        }
        for (long p : want) {
            Integer d = have.remove(p);
            if (d != null) {
                if (!graceful.contains(d)) {
                    continue;
                }
                c.realServers += graceful.cancel(d);
            }
            core.addDest(v, (int) (p >>> 16), (int) (p & 0xFFFF), 1);
            c.realServers++;
        }
        for (int d : have.values()) {
            if (!graceful.contains(d)) {
                c.realServers += graceful.remove(d);
            }
        }
    }

    private int ownerId(String owner) {
        return ownerIds.computeIfAbsent(owner, k -> {
            owners.add(k);
            return owners.size() - 1;
        });
    }
}
