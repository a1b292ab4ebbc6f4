package io.kpbench.proxy.ebpf;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.Verdict;
import io.kpbench.proxy.ebpf.maglev.MaglevTable;
import io.kpbench.proxy.ebpf.maglev.TupleHash;
import io.kpbench.table.AddressLongMap;
import io.kpbench.table.AffinityTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The trace path of the {@code ebpf} mode: explains a NEW packet through {@link EbpfTables} the way
 * {@link EbpfClassifier} handles it, one path line per map lookup, following every backend of the selected slot
 * list (random and Maglev alike; for Maglev the line of the table lookup names the backend this very 5-tuple
 * gets).
 */
final class EbpfExplainer {
    private final EbpfTables m;
    private final AffinityTable affinity;
    private final List<String> path = new ArrayList<>();
    private int lookups;

    EbpfExplainer(EbpfTables m, AffinityTable affinity) {
        this.m = m;
        this.affinity = affinity;
    }

    Explanation explain(FiveTuple p) {
        if (m.v4 != p.isV4()) {
            path.add("not an " + (m.v4 ? "IPv4" : "IPv6") + " packet: this proxier does not see it");
            return done(Verdict.NONE, List.of(), false);
        }
        String dst = p.dst().withPort(p.dstPort());
        int fe = lookup(p, false);
        if (fe < 0) {
            path.add("lb" + fam() + "_lookup_service: " + dst + " -> miss (not a service)");
            return m.wildcards == null ? done(Verdict.NONE, List.of(), false) : wildcard(p);
        }
        path.add("lb" + fam() + "_lookup_service: " + EbpfRenderer.frontend(m, fe) + " -> rev-nat " + m.revNat[fe]
                + ", count " + m.count[fe] + " [" + EbpfRenderer.flags(m.flags[fe]) + "]");
        boolean internal = m.inClusterPrefix(p.srcHi(), p.srcLo());
        boolean localPod = false;
        if (!internal && m.ipcacheInUse()) {
            lookups++;
            long pod = m.ipcacheLookup(p.srcHi(), p.srcLo());
            internal = pod != AddressLongMap.MISSING;
            localPod = pod == EbpfTables.LOCAL_POD;
            path.add("lookup_ip" + fam() + "_remote_endpoint (ipcache): " + p.src() + " -> "
                    + (!internal ? "miss (world)" : localPod ? "local pod (cluster identity)"
                    : "remote pod (cluster identity)"));
        }
        int flags = m.flags[fe];
        if (!internal && (flags & EbpfTables.CLUSTER_IP) != 0 && !m.externalClusterIP) {
            path.add("ClusterIP from outside the cluster is non-routable (bpf-lb-external-clusterip=false) -> DROP");
            return done(Verdict.DROP, List.of(), false);
        }
        if (internal && (flags & EbpfTables.TWO_SCOPES) != 0) {
            fe = lookup(p, true);
            path.add("lb" + fam() + "_lookup_service (scope internal): " + EbpfRenderer.frontend(m, fe) + " -> count "
                    + m.count[fe]);
        }
        if (!internal && (flags & EbpfTables.SOURCE_RANGE) != 0) {
            lookups++;
            boolean ok = m.sourceAllowed(fe, p.srcHi(), p.srcLo());
            path.add("lb" + fam() + "_src_range_ok: " + p.src() + (ok ? " in " : " not in ") + ranges(fe)
                    + (ok ? "" : " -> DROP"));
            if (!ok) {
                return done(Verdict.DROP, List.of(), false);
            }
        }
        boolean sock = internal && m.socketLB && (localPod || m.nodeLocal(p.srcHi(), p.srcLo()));
        if (!sock) {
            lookups++;
            path.add("ct_lazy_lookup" + fam() + " (CT_SERVICE, " + p.src().withPort(p.srcPort()) + " -> " + dst
                    + "): miss -> CT_NEW");
        }
        if (m.count[fe] == 0) {
            boolean reject = m.noBackendReject;
            path.add("lb" + fam() + "_local: count 0 -> DROP_NO_SERVICE; service-no-backend-response="
                    + (reject ? "reject -> REJECT (ICMP destination unreachable)" : "drop -> DROP"));
            return done(reject ? Verdict.REJECT : Verdict.DROP, List.of(), false);
        }
        if (sock) {
            path.add("sock" + fam() + "_connect: translated (connect-time; later packets need no per-packet NAT)");
        }
        boolean sticky = (flags & EbpfTables.AFFINITY) != 0;
        if (sticky) {
            lookups++;
            int stuck = affinity.peek(EbpfTables.affinityKey(m.v4, p.srcHi(), p.srcLo(), m.revNat[fe]));
            path.add("lb" + fam() + "_affinity_backend_id: client " + p.src() + " rev-nat " + m.revNat[fe] + " -> "
                    + (stuck > 0 ? "backend " + stuck + " (used while younger than "
                    + m.affinityTimeoutNanos[fe] / 1_000_000_000L + "s; cilium_lb_affinity_match checked when used)"
                    : "miss"));
        }
        MaglevTable table = m.maglev[fe];
        if (m.maglevSelection && !internal && table != null) {
            lookups += 2;
            int id = table.lookup(TupleHash.of(p, m.tupleSeed, !sticky));
            path.add("lb" + fam() + "_select_backend_id: maglev M=" + table.size() + " (outer cilium_lb" + fam()
                    + "_maglev[rev-nat " + m.revNat[fe] + "], then its inner table; hash without the destination "
                    + "address) -> backend " + id + " " + m.beText[id]);
        } else {
            lookups++;
            path.add("lb" + fam() + "_select_backend_id: random slot 1.." + m.count[fe]);
        }
        if (!sock) {
            lookups++;
            path.add("ct_create" + fam() + " (CT_SERVICE): the service entry records the backend and rev-nat "
                    + m.revNat[fe]);
        }
        if (sticky) {
            lookups++;
            path.add("lb" + fam() + "_update_affinity_by_addr: client " + p.src() + " rev-nat " + m.revNat[fe]);
        }
        List<String> endpoints = new ArrayList<>();
        boolean masq = false;
        for (int s = 0; s < m.count[fe]; s++) {
            int id = m.slots[m.slotStart[fe] + s];
            lookups++;
            boolean snat = internal ? !sock && m.beHi[id] == p.srcHi() && m.beLo[id] == p.srcLo() : !m.beLocal[id];
            masq |= snat;
            endpoints.add(new IpAddress(m.beHi[id], m.beLo[id]).withPort(m.bePort[id]));
            path.add("lb" + fam() + "_lookup_backend: slot " + (s + 1) + " -> id " + id + " " + m.beText[id] + " ("
                    + (m.beState[id] == EbpfTables.ACTIVE ? "active" : "terminating") + ", "
                    + (m.beLocal[id] ? "local" : "remote") + ")" + (snat ? ", SNAT" : ""));
        }
        return done(Verdict.DNAT, endpoints, masq);
    }

    /**
     * A service-map miss with wildcard entries: {@code address:0/ANY} in the external scope, then the internal one
     * (Cilium 1.19 {@code lookup_virtual_service_v4}); a non-routable hit drops.
     */
    private Explanation wildcard(FiveTuple p) {
        String key = p.dst().withPort(0) + "/ANY";
        long flags = m.wildcards.get(p.dstHi(), p.dstLo());
        lookups += flags == AddressLongMap.MISSING ? 2 : 1;
        if (flags == AddressLongMap.MISSING) {
            path.add("lookup_virtual_service_v" + fam() + ": " + key + " -> miss in both scopes (not a virtual IP)");
            return done(Verdict.NONE, List.of(), false);
        }
        boolean drop = (flags & EbpfTables.NON_ROUTABLE) != 0;
        path.add("lookup_virtual_service_v" + fam() + ": " + key + " -> [" + EbpfRenderer.flags((int) flags) + "]"
                + (drop ? ": a virtual IP on a port no service uses -> DROP (drop_traffic_to_virtual_ips)" : ""));
        return done(drop ? Verdict.DROP : Verdict.NONE, List.of(), false);
    }

    private int lookup(FiveTuple p, boolean internalScope) {
        lookups++;
        int fe = m.services.get(EbpfTables.key(m.v4, p.dstHi(), p.dstLo(), p.protocol(), p.dstPort(), internalScope));
        return fe >= 0 && m.matches(fe, p) ? fe : -1;
    }

    private String ranges(int fe) {
        List<String> out = new ArrayList<>();
        for (int i = m.rangeStart[fe], end = i + m.rangeCount[fe]; i < end; i++) {
            out.add(m.ranges.text(i));
        }
        return out.toString();
    }

    private String fam() {
        return m.v4 ? "4" : "6";
    }

    private Explanation done(Verdict v, List<String> endpoints, boolean masq) {
        return new Explanation(v, endpoints, masq, path, lookups);
    }
}
