package io.kpbench.proxy.ipvs;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;

/**
 * The packed key of an IPv4 virtual server or ipset {@code hash:ip,port} entry:
 * {@code addr << 32 | proto << 16 | port}, the layout of {@link FiveTuple#packV4Key}.
 */
final class ServiceKey {
    private ServiceKey() {
    }

    /** Packs a key. */
    static long pack(int addr, int protocol, int port) {
        return FiveTuple.packV4Key(addr, protocol, port);
    }

    /** The host-order IPv4 address of a key. */
    static int addr(long k) {
        return (int) (k >>> 32);
    }

    /** The IANA protocol number of a key. */
    static int protocol(long k) {
        return (int) (k >>> 16) & 0xFF;
    }

    /** The port of a key. */
    static int port(long k) {
        return (int) k & 0xFFFF;
    }

    /** {@code TCP  10.96.0.1:443} as ipvsadm prints the start of a service line. */
    static String ipvsadm(long k) {
        Protocol p = Protocol.ofNumber(protocol(k));
        String name = p == null ? String.valueOf(protocol(k)) : p.name();
        return name + "  " + IpAddress.formatV4(addr(k)) + ":" + port(k);
    }

    /** {@code 10.96.0.1,tcp:443} as {@code ipset list} prints a {@code hash:ip,port} member. */
    static String ipset(long k) {
        Protocol p = Protocol.ofNumber(protocol(k));
        return IpAddress.formatV4(addr(k)) + "," + (p == null ? "" : p.lower()) + ":" + port(k);
    }
}
