package io.kpbench.proxy.ipvs.kernel;

import static io.kpbench.table.PrimitiveArrays.grow;

import io.kpbench.net.IpFamily;
import io.kpbench.table.Chains;
import java.util.Arrays;

/**
 * Every real server ({@code struct ip_vs_dest}) of every virtual server, in parallel primitive arrays indexed by
 * a destination id, each virtual server's destinations chained in kernel list order.
 *
 * <p>Source: Linux {@code ip_vs_ctl.c} ({@code __ip_vs_update_dest}: a new destination is
 * {@code list_add_rcu}-ed at the head of {@code svc->destinations}; {@code last_weight} keeps the last
 * weight set at add time or any non-zero later weight) and {@code include/net/ip_vs.h}
 * ({@code ip_vs_dest_conn_overhead = activeconns * 256 + inactconns}). Counters are plain ints updated
 * under the connection table's monitor (the kernel uses atomics); schedulers read them racily.
 *
 * <p>{@code addr} holds the {@link AddressBook} id (the IPv4 address itself); the pool also copies each
 * destination's two address longs (the hairpin ipset probe reads them) and its {@link IpvsHash#word} (the
 * hashing schedulers mix it in), so the packet path never probes the book.
 */
public final class RealServerPool {
    private final AddressBook book;
    /** The {@link AddressBook} id of each destination's address. */
    public int[] addr;
    /** The upper 64 bits of each destination's address. */
    public long[] addrHi;
    /** The lower 64 bits of each destination's address. */
    public long[] addrLo;
    private int[] hashAddr;
    /** Each destination's port. */
    public int[] port;
    /** Each destination's weight (0: quiesced). */
    public int[] weight;
    /** {@code last_weight}: the last non-zero weight. */
    public int[] lastWeight;
    /** {@code activeconns}. */
    public int[] activeConns;
    /** {@code inactconns}. */
    public int[] inactConns;
    /** {@code persistconns}: templates bound to the destination. */
    public int[] persistConns;
    /** The next destination of the same virtual server, -1 at the end. */
    public int[] next;
    /** The owning virtual-server slot; -1 free, -2 unlinked but not yet released. */
    public int[] vs;
    private int highWater;
    private int freeHead = -1;

    /** An empty IPv4 pool. */
    public RealServerPool(int initialCapacity) {
        this(initialCapacity, new AddressBook(IpFamily.IPv4));
    }

    /** An empty pool naming addresses through {@code book}. */
    public RealServerPool(int initialCapacity, AddressBook book) {
        this.book = book;
        allocate(Math.max(16, initialCapacity));
    }

    private void allocate(int cap) {
        addr = grow(addr, cap);
        port = grow(port, cap);
        weight = grow(weight, cap);
        lastWeight = grow(lastWeight, cap);
        activeConns = grow(activeConns, cap);
        inactConns = grow(inactConns, cap);
        persistConns = grow(persistConns, cap);
        next = grow(next, cap);
        addrHi = grow(addrHi, cap);
        addrLo = grow(addrLo, cap);
        hashAddr = grow(hashAddr, cap);
        int old = vs == null ? 0 : vs.length;
        vs = grow(vs, cap);
        Arrays.fill(vs, old, cap, -1);
    }

    /** The book that names this pool's addresses. */
    public AddressBook book() {
        return book;
    }

    /** The array length (for tests and sizing). */
    public int capacity() {
        return addr.length;
    }

    /** Adds a destination to the head of virtual server {@code v}'s list ({@code list_add_rcu}). */
    public int add(VirtualServerTable t, int v, int address, int destPort, int w) {
        int d = freeHead;
        if (d >= 0) {
            freeHead = next[d];
        } else {
            if (highWater == addr.length) {
                allocate(addr.length * 2);
            }
            d = highWater++;
        }
        addr[d] = address;
        addrHi[d] = book.hi(address);
        addrLo[d] = book.lo(address);
        hashAddr[d] = book.hashAddr(address);
        port[d] = destPort;
        weight[d] = w;
        lastWeight[d] = w;
        activeConns[d] = 0;
        inactConns[d] = 0;
        persistConns[d] = 0;
        vs[d] = v;
        next[d] = t.firstDest[v];
        t.firstDest[v] = d;
        t.numDests[v]++;
        return d;
    }

    /** Sets a weight, keeping {@code last_weight} as the kernel does. */
    public void setWeight(int d, int w) {
        weight[d] = w;
        if (w != 0) {
            lastWeight[d] = w;
        }
    }

    /** The destination before {@code d} in its list, or -1 when {@code d} is first. */
    public int previous(VirtualServerTable t, int d) {
        return Chains.predecessor(t.firstDest, next, vs[d], d);
    }

    /** Unlinks {@code d} from its virtual server's list; the slot stays owned until {@link #release}. */
    public void unlink(VirtualServerTable t, int d) {
        int v = vs[d];
        Chains.unlink(t.firstDest, next, v, previous(t, d), d);
        t.numDests[v]--;
        vs[d] = -2;
    }

    /** Returns an unlinked slot to the free list. */
    public void release(int d) {
        vs[d] = -1;
        next[d] = freeHead;
        freeHead = d;
    }

    /** True when {@code d} is a destination still linked to a virtual server. */
    public boolean linked(int d) {
        return d >= 0 && d < highWater && vs[d] >= 0;
    }

    /** {@code ip_vs_dest_conn_overhead}: {@code activeconns << 8 + inactconns}. */
    public int overhead(int d) {
        return (activeConns[d] << 8) + inactConns[d];
    }

    /** The 32 bits the kernel's hashing schedulers mix in for destination {@code d}'s address. */
    public int hashAddr(int d) {
        return hashAddr[d];
    }

    /** {@code ip:port} of a destination, IPv6 in brackets. */
    public String text(int d) {
        return book.withPort(addr[d], port[d]);
    }
}
