package io.kpbench.control;

import io.kpbench.net.FiveTuple;
import io.kpbench.net.IpAddress;
import io.kpbench.net.Protocol;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.Explanation;
import io.kpbench.proxy.Verdict;

/**
 * What a change should do to a NEW packet once a data plane carries it: a packet to the changed service's
 * cluster IP and port either can reach the changed endpoint ({@code present}: a new pod, a new service) or cannot
 * ({@code absent}: a removed pod, a deleted service). It is checked with {@link DataPlane#explain}, which follows
 * every probabilistic branch, so the answer does not depend on the endpoint a random draw would pick.
 *
 * @param src the client's address (a pod)
 * @param clusterIP the service's cluster IP
 * @param port the service port
 * @param protocol the service port's protocol
 * @param endpoint the changed endpoint, {@code ip:port} as {@link DataPlane#endpoint} prints it
 * @param present true when the change makes the endpoint reachable, false when it makes it unreachable
 */
public record Probe(IpAddress src, IpAddress clusterIP, int port, Protocol protocol, String endpoint,
        boolean present) {
    private static final int CLIENT_PORT = 40_000;

    /** True when {@code dp} already does what the change asks: the endpoint is reachable iff {@code present}. */
    public boolean holds(DataPlane dp) {
        FiveTuple packet = new FiveTuple().set(src, CLIENT_PORT, clusterIP, port, protocol);
        Explanation e = dp.explain(packet);
        boolean reachable = e.verdict() == Verdict.DNAT && e.endpoints().contains(endpoint);
        return reachable == present;
    }

    @Override
    public String toString() {
        return protocol + " " + clusterIP.withPort(port) + (present ? " reaches " : " does not reach ") + endpoint;
    }
}
