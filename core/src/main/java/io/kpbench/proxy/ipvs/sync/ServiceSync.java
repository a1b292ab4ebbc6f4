package io.kpbench.proxy.ipvs.sync;

import io.kpbench.proxy.ipvs.companion.IpSets;
import io.kpbench.proxy.ipvs.kernel.ConnectionTable;
import io.kpbench.proxy.ipvs.kernel.IpvsNetlink;
import io.kpbench.proxy.ipvs.kernel.RealServerPool;
import io.kpbench.proxy.ipvs.kernel.VirtualServerTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the difference between what a Service had and what it needs to the kernel and the ipsets, issuing the
 * netlink and ipset writes a real kube-proxy would, and counting them.
 *
 * <p>Source: kube-proxy {@code pkg/proxy/ipvs/proxier.go} ({@code syncService}: add, or update when flags or
 * timeout differ; {@code syncEndpoint}: add missing real servers with weight 1, gracefully delete extra ones
 * through {@link GracefulTermination}; {@code cleanLegacyService}: delete virtual servers nothing wants;
 * kube-ipvs0 binds and unbinds; {@code syncIPSetEntries}: {@code ipset add}/{@code del} of the changed entries).
 * It also keeps the reference counts of the {@code KUBE-IPVS-OUT-FILTER} entries and the owner names of the
 * virtual servers.
 */
public final class ServiceSync {
    /** Write counts of one sync. */
    public static final class Counts {
        int virtualServers;
        int realServers;
        int addresses;
        int ipsetEntries;

        /** Every write counted. */
        public int total() {
            return virtualServers + realServers + addresses + ipsetEntries;
        }
    }

    private final IpvsNetlink netlink;
    private final VirtualServerTable vst;
    private final RealServerPool rs;
    private final IpSets ipsets;
    private final GracefulTermination graceful;
    private final Map<String, Integer> ownerIds = new HashMap<>();
    private final List<String> owners = new ArrayList<>();
    private final Map<Long, Integer> outFilter = new LinkedHashMap<>();

    /** The writer to {@code vst}/{@code rs} through {@code netlink} and to {@code ipsets}. */
    public ServiceSync(IpvsNetlink netlink, VirtualServerTable vst, RealServerPool rs, IpSets ipsets,
            ConnectionTable conns) {
        this.netlink = netlink;
        this.vst = vst;
        this.rs = rs;
        this.ipsets = ipsets;
        this.graceful = new GracefulTermination(netlink, vst, rs, conns);
    }

    /** Starts a sync: deletes drained gracefully-terminating real servers first; returns its counts. */
    public Counts begin() {
        Counts c = new Counts();
        c.realServers += graceful.reap();
        return c;
    }

    /** Ends a sync: forgets terminating real servers whose virtual server went. */
    public void end() {
        graceful.forgetUnlinked();
    }

    /** Deletes drained gracefully-terminating real servers now (kube-proxy checks every minute). */
    public int reapGracefulTermination() {
        return graceful.reap();
    }

    /** Real servers quiesced and waiting to drain. */
    public int gracefullyTerminating() {
        return graceful.size();
    }

    /** The service port name that owns virtual server {@code v}. */
    public String owner(int v) {
        return owners.get(vst.owner[v]);
    }

    /** The packed (address id, proto, port) keys of {@code KUBE-IPVS-OUT-FILTER}, in first-added order. */
    public Set<Long> outFilterKeys() {
        return outFilter.keySet();
    }

    /** Moves one Service from {@code old} to {@code neu}, counting the writes. */
    public void apply(DesiredService old, DesiredService neu, Counts c) {
        Map<Long, DesiredService.VirtualServer> want = new LinkedHashMap<>();
        for (DesiredService.VirtualServer vs : neu.virtualServers()) {
            want.put(vs.key(), vs);
        }
        for (DesiredService.VirtualServer vs : old.virtualServers()) {
            if (!want.containsKey(vs.key())) {
                int v = vst.find(vs.key());
                if (v >= 0) {
                    netlink.deleteService(v);
                    c.virtualServers++;
                }
            }
        }
        for (DesiredService.VirtualServer vs : want.values()) {
            int v = vst.find(vs.key());
            if (v < 0) {
                v = netlink.addService(vs.key(), vs.flags(), vs.timeoutSeconds(), ownerId(vs.owner()),
                        vs.kind());
                c.virtualServers++;
            } else if (vst.flags[v] != vs.flags() || vst.timeoutSeconds[v] != vs.timeoutSeconds()) {
                netlink.editService(v, vs.flags(), vs.timeoutSeconds());
                c.virtualServers++;
            }
            syncDests(v, vs.dests(), c);
        }
        Map<IpSets.Entry, Integer> delta = new HashMap<>();
        for (IpSets.Entry e : neu.entries()) {
            delta.merge(e, 1, Integer::sum);
        }
        for (IpSets.Entry e : old.entries()) {
            delta.merge(e, -1, Integer::sum);
        }
        for (Map.Entry<IpSets.Entry, Integer> en : delta.entrySet()) {
            IpSets.Entry e = en.getKey();
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

    private static void count(boolean changed, IpSets.Entry e, Counts c) {
        if (changed) {
            c.ipsetEntries++;
            if (e.set() == IpSets.IPVS_IPS) {
                c.addresses++;
            }
        }
    }

    private void syncDests(int v, List<Long> want, Counts c) {
        Map<Long, Integer> have = new HashMap<>();
        for (int d = vst.firstDest[v]; d >= 0; d = rs.next[d]) {
            have.put(DesiredService.dest(rs.addr[d], rs.port[d]), d);
        }
        for (long p : want) {
            Integer d = have.remove(p);
            if (d != null) {
                if (!graceful.contains(d)) {
                    continue;
                }
                c.realServers += graceful.cancel(d);
            }
            netlink.addDest(v, (int) (p >>> 16), (int) (p & 0xFFFF), 1);
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
