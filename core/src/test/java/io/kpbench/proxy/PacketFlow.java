package io.kpbench.proxy;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;

/**
 * One case of kube-proxy's {@code packetFlowTest} tables ({@code runPacketFlowTests} in
 * {@code pkg/proxy/iptables/proxier_test.go} and {@code pkg/proxy/nftables/proxier_test.go}): a packet, the tracer's
 * expected output (endpoints joined by ", ", a verdict name, or "") and masquerade bit; and the addresses of
 * kube-proxy's fake proxier those tables use. Each mode's flow runner checks it against its data plane.
 *
 * @param name the case's name
 * @param src the source address
 * @param proto the protocol (TCP unless given)
 * @param dst the destination address
 * @param port the destination port
 * @param output the expected tracer output
 * @param masq the expected masquerade bit
 */
public record PacketFlow(String name, String src, Protocol proto, String dst, int port, String output,
        boolean masq) {
    /** A pod on this node's pod CIDR. */
    public static final String POD = "10.0.0.2";
    /** An external client (inside the tests' load-balancer source ranges). */
    public static final String EXT = "203.0.113.2";
    /** An external client outside the source ranges. */
    public static final String BLOCKED = "203.0.113.130";
    /** The node's primary IPv4 address. */
    public static final String NODE_IP = "192.168.0.2";
    /** The node's secondary IPv4 address. */
    public static final String ALT_IP = "192.168.1.2";
    /** The node's primary IPv6 address. */
    public static final String NODE_IP6 = "2001:db8::1";
    /** The node's secondary IPv6 address. */
    public static final String ALT_IP6 = "2001:db8:1::2";

    /** A TCP flow. */
    public static PacketFlow flow(String name, String src, String dst, int port, String output, boolean masq) {
        return new PacketFlow(name, src, Protocol.TCP, dst, port, output, masq);
    }

    /** A flow of protocol {@code p}. */
    public static PacketFlow flow(String name, String src, Protocol p, String dst, int port, String output,
            boolean masq) {
        return new PacketFlow(name, src, p, dst, port, output, masq);
    }

    /** This flow expecting tracer output {@code o} and masquerade bit {@code m} instead. */
    public PacketFlow expecting(String o, boolean m) {
        return new PacketFlow(name, src, proto, dst, port, o, m);
    }

    /** Sets {@code t} to this flow's packet (source port 40000) and returns it. */
    public FiveTuple packet(FiveTuple t) {
        return t.set(IpAddress.parse(src), 40000, IpAddress.parse(dst), port, proto);
    }
}
