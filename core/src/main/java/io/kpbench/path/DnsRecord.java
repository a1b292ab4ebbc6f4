package io.kpbench.path;

/**
 * One resource record of an answer.
 *
 * @param name the owner name, fully qualified with the trailing dot
 * @param ttl the TTL in seconds
 * @param type the type
 * @param data the RDATA as dig prints it ({@code 10.96.12.34}, {@code 0 100 80 web.ns.svc.cluster.local.})
 */
public record DnsRecord(String name, int ttl, DnsType type, String data) {
    /** The record in dig's zone-file form. */
    @Override
    public String toString() {
        return name + "\t" + ttl + "\tIN\t" + type + "\t" + data;
    }
}
