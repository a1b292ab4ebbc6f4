package io.kpbench.proxy.ipvs.kernel;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;

/**
 * The packed key of a virtual server or ipset {@code hash:ip,port} entry:
 * {@code addr << 32 | proto << 16 | port}, the layout of {@link FiveTuple#packV4Key}; {@code addr} is the IPv4
 * address, or an IPv6 address's {@link AddressBook} id.
 */
public final class ServiceKey {
    private ServiceKey() {
    }

    /** Packs a key. */
    public static long pack(int addr, int protocol, int port) {
        return FiveTuple.packV4Key(addr, protocol, port);
    }

    /** The host-order IPv4 address of a key. */
    public static int addr(long k) {
        return (int) (k >>> 32);
    }

    /** The IANA protocol number of a key. */
    public static int protocol(long k) {
        return (int) (k >>> 16) & 0xFF;
    }

    /** The port of a key. */
    public static int port(long k) {
        return (int) k & 0xFFFF;
    }

    /** {@code TCP  10.96.0.1:443} as ipvsadm prints the start of a service line. */
    public static String ipvsadm(long k) {
        return protoName(k) + "  " + IpAddress.formatV4(addr(k)) + ":" + port(k);
    }

    /** {@code TCP  10.96.0.1:443} or {@code TCP  [fd00::1]:443}, the address named through {@code book}. */
    public static String ipvsadm(AddressBook book, long k) {
        return protoName(k) + "  " + book.withPort(addr(k), port(k));
    }

    private static String protoName(long k) {
        Protocol p = Protocol.ofNumber(protocol(k));
        return p == null ? String.valueOf(protocol(k)) : p.name();
    }

    /** {@code 10.96.0.1,tcp:443} as {@code ipset list} prints a {@code hash:ip,port} member. */
    public static String ipset(long k) {
        return ipset(IpAddress.formatV4(addr(k)), protocol(k), port(k));
    }

    /** {@code <ip>,tcp:443}: a {@code hash:ip,port} member of either family. */
    public static String ipset(String ip, int protocol, int port) {
        Protocol p = Protocol.ofNumber(protocol);
        return ip + "," + (p == null ? "" : p.lower()) + ":" + port;
    }
}
