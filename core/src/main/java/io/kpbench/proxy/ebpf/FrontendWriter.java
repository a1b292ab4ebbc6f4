package io.kpbench.proxy.ebpf;

import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import io.kpbench.proxy.NodeConfig;
import io.kpbench.proxy.ServicePortInfo;
import io.kpbench.table.StableIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the frontends of one service port into {@link LbMaps}, one rev-NAT id per frontend address, as Cilium's
 * {@code lbmap.UpsertService} does: the master entry (slot 0: count, flags) plus slots {@code 1..count}, an
 * internal-scope copy when eTP and iTP differ, the LB source ranges, and a Maglev table per external backend set.
 */
final class FrontendWriter {
    private final LbMaps maps;
    private final EbpfConfig cfg;
    private final List<IpAddress> nodePortAddresses = new ArrayList<>();
    private final IpAddress any;
    private final long maglevSeed;
    private StableIds revNatIds = StableIds.empty();

    FrontendWriter(LbMaps maps, EbpfConfig cfg, NodeConfig node, IpFamily family) {
        this.maps = maps;
        this.cfg = cfg;
        this.maglevSeed = cfg.maglevSeed();
        this.any = family == IpFamily.IPv4 ? IpAddress.ofV4(0) : new IpAddress(0L, 0L);
        for (IpAddress ip : node.nodeIPs(family)) {
            boolean selected = node.nodePortAddresses().isEmpty();
            for (Cidr c : node.nodePortAddresses()) {
                selected |= c.contains(ip);
            }
            if (selected) {
                nodePortAddresses.add(ip);
            }
        }
    }

    /** Adds the text of every frontend address of {@code spi} to {@code out} (the keys of rev-NAT ids). */
    void keys(ServicePortInfo spi, java.util.Collection<String> out) {
        String proto = "/" + spi.protocol().name();
        out.add(spi.clusterIP().withPort(spi.port()) + proto);
        if (spi.nodePort() != 0) {
            out.add(any.withPort(spi.nodePort()) + proto);
            for (IpAddress ip : nodePortAddresses) {
                out.add(ip.withPort(spi.nodePort()) + proto);
            }
        }
        for (IpAddress ip : spi.externalIPs()) {
            out.add(ip.withPort(spi.port()) + proto);
        }
        for (IpAddress ip : spi.loadBalancerVIPs()) {
            out.add(ip.withPort(spi.port()) + proto);
        }
    }

    /** Uses {@code ids} for rev-NAT ids. */
    void revNatIds(StableIds ids) {
        this.revNatIds = ids;
    }

    /** Writes every frontend of {@code spi}; returns the service-map entries written. */
    int write(ServicePortInfo spi, int[] cluster, int[] local, String service) {
        int before = maps.serviceEntries;
        int common = spi.clientIPAffinity() ? LbMaps.AFFINITY : 0;
        common |= spi.internalPolicyLocal() ? LbMaps.INTERNAL_LOCAL : 0;
        int[] internal = spi.internalPolicyLocal() ? local : cluster;
        int[] external = spi.externalPolicyLocal() ? local : cluster;
        boolean twoScopes = spi.externalPolicyLocal() != spi.internalPolicyLocal();
        int ext = common | (spi.externalPolicyLocal() ? LbMaps.LOCAL : 0) | (twoScopes ? LbMaps.TWO_SCOPES : 0);
        MaglevTable[] table = new MaglevTable[1];

        add(spi, spi.clusterIP(), spi.port(), common | LbMaps.CLUSTER_IP | LbMaps.NON_ROUTABLE, internal, null,
                cfg.externalClusterIP() ? new MaglevTable[1] : null, service);
        if (spi.nodePort() != 0) {
            add(spi, any, spi.nodePort(), ext | LbMaps.NODE_PORT | LbMaps.NON_ROUTABLE, external, internal, table,
                    service);
            for (IpAddress ip : nodePortAddresses) {
                add(spi, ip, spi.nodePort(), ext | LbMaps.NODE_PORT, external, internal, table, service);
            }
        }
        for (IpAddress ip : spi.externalIPs()) {
            add(spi, ip, spi.port(), ext | LbMaps.EXTERNAL_IPS, external, internal, table, service);
        }
        boolean ranges = !spi.loadBalancerSourceRanges().isEmpty();
        for (IpAddress ip : spi.loadBalancerVIPs()) {
            add(spi, ip, spi.port(), ext | LbMaps.LOAD_BALANCER | (ranges ? LbMaps.SOURCE_RANGE : 0), external,
                    internal, table, service);
        }
        return maps.serviceEntries - before;
    }

    private void add(ServicePortInfo spi, IpAddress ip, int port, int flags, int[] backends, int[] internal,
            MaglevTable[] table, String service) {
        int proto = spi.protocol().number();
        long key = LbMaps.key(maps.v4, ip.hi(), ip.lo(), proto, port, false);
        if (maps.services.containsKey(key)) {
            return;
        }
        int rev = revNatIds.id(ip.withPort(port) + "/" + spi.protocol().name());
        int fe = entry(spi, ip, port, proto, rev, flags, backends, service);
        maps.services.put(key, fe);
        if (table != null && cfg.algorithm() == EbpfConfig.Algorithm.MAGLEV && backends.length > 0) {
            if (table[0] == null) {
                table[0] = maglev(backends);
            }
            maps.maglev[fe] = table[0];
        }
        if ((flags & LbMaps.SOURCE_RANGE) != 0) {
            maps.rangeStart[fe] = maps.ranges.size();
            maps.rangeCount[fe] = spi.loadBalancerSourceRanges().size();
            maps.ranges.addAll(spi.loadBalancerSourceRanges());
        }
        if ((flags & LbMaps.TWO_SCOPES) != 0) {
            int in = entry(spi, ip, port, proto, rev, flags | LbMaps.SCOPE_INTERNAL, internal, service);
            maps.services.put(LbMaps.key(maps.v4, ip.hi(), ip.lo(), proto, port, true), in);
        }
    }

    private int entry(ServicePortInfo spi, IpAddress ip, int port, int proto, int rev, int flags, int[] backends,
            String service) {
        int fe = maps.addFrontend(ip.hi(), ip.lo(), proto, port, rev, flags, service);
        maps.count[fe] = backends.length;
        maps.slotStart[fe] = maps.addSlots(backends);
        maps.affinityTimeoutNanos[fe] = spi.stickyMaxAgeSeconds() * 1_000_000_000L;
        maps.serviceEntries += 1 + backends.length;
        return fe;
    }

    private MaglevTable maglev(int[] backends) {
        String[] names = new String[backends.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = maps.beText[backends[i]];
        }
        return MaglevTable.build(names, backends, cfg.maglevTableSize(), maglevSeed);
    }
}
