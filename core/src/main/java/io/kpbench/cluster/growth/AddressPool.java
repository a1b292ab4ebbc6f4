package io.kpbench.cluster.growth;

import io.kpbench.common.UserError;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import java.util.Set;

/**
 * The free addresses of one prefix, handed out lowest first, skipping every address the cluster already uses:
 * a sequential form of the API server's ClusterIP allocator ({@code pkg/registry/core/service/ipallocator}) and
 * of host-local pod IPAM. The prefix's first address and, for IPv4, its last are never handed out (network and
 * broadcast). At most 2^30 addresses of a prefix are scanned.
 */
final class AddressPool {
    private static final long MAX_SCAN = 1L << 30;

    private final Cidr cidr;
    private final String what;
    private final Set<IpAddress> used;
    private final long size;
    private long cursor = 1;

    /**
     * @param cidr the prefix
     * @param what what the addresses are for, for the error when the prefix is full ({@code service CIDR})
     * @param used every address taken, shared by all pools and added to as this one allocates
     */
    AddressPool(Cidr cidr, String what, Set<IpAddress> used) {
        this.cidr = cidr;
        this.what = what;
        this.used = used;
        long hosts = cidr.hostBits() >= 31 ? MAX_SCAN : 1L << cidr.hostBits();
        this.size = cidr.family().bits() == 32 ? hosts - 1 : hosts;
    }

    /** True when a free address is left (advances past taken ones). */
    boolean hasNext() {
        while (cursor < size && used.contains(cidr.address(cursor))) {
            cursor++;
        }
        return cursor < size;
    }

    /** The lowest free address, now taken; a user error when the prefix is full. */
    IpAddress next() {
        while (cursor < size) {
            IpAddress ip = cidr.address(cursor++);
            if (used.add(ip)) {
                return ip;
            }
        }
        throw new UserError("growth: the " + what + " " + cidr + " has no free address left");
    }
}
