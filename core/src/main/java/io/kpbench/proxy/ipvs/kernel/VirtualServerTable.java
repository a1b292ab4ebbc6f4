package io.kpbench.proxy.ipvs.kernel;

import static io.kpbench.table.PrimitiveArrays.grow;

import io.kpbench.table.Chains;
import java.util.Arrays;

/**
 * The IPVS virtual-server table: a fixed number of chained buckets keyed by (protocol, address, port), walked
 * node by node, with every virtual server's fields in parallel primitive arrays indexed by a slot.
 *
 * <p>Source: Linux {@code ip_vs_ctl.c}: {@code ip_vs_svc_table[IP_VS_SVC_TAB_SIZE]} with
 * {@code IP_VS_SVC_TAB_BITS = 8} (256 buckets, never resized), {@code ip_vs_svc_hash} inserting at the chain
 * head ({@code hlist_add_head_rcu}) and {@code __ip_vs_service_find} walking the chain. With S services the
 * expected chain is S/256 nodes: about 390 at 10^5 services, which is what a lookup pays.
 *
 * <p>Both families walk one loop. Each slot's {@link #probe} packs the 32 bits the kernel hashes
 * ({@link IpvsHash#word}: the IPv4 address, or the IPv6 fold that {@code ip_vs_svc_hashkey} mixes in) with the
 * protocol and port; an IPv4 table's probes are its {@link #key}s themselves, and an IPv6 table confirms a probe
 * hit against the full address in {@link #addrHi}/{@link #addrLo}, as the kernel compares {@code svc->addr}. Keys
 * pack the address's {@link AddressBook} id, so the control plane names IPv4 and IPv6 virtual servers alike.
 *
 * <p>Reads ({@link #lookup}) are lock-free; writes come from the single-threaded sync.
 */
public final class VirtualServerTable {
    /** Flag: {@code IP_VS_SVC_F_PERSISTENT}. */
    public static final int F_PERSISTENT = 0x1;
    /** Flag: {@code IP_VS_SVC_F_SCHED2}, kube-proxy's {@code FlagSourceHash} (mh hashes the source port). */
    public static final int F_SCHED_PORT = 0x10;

    private final int bits;
    private final int[] bucket;
    private final AddressBook book;
    private final boolean v6;
    /** The control plane's key of each slot: packed (address id, proto, port); -1 when free. */
    public long[] key;
    /** The packet path's key of each slot: packed (hashed address word, proto, port); {@link #key} on IPv4. */
    private long[] probe;
    /** The full addresses of an IPv6 table's slots (null on IPv4, whose probe is the address). */
    private long[] addrHi;
    private long[] addrLo;
    private int[] chainNext;
    /** The first destination of each slot's list ({@link RealServerPool#next} links the rest), -1 when empty. */
    public int[] firstDest;
    /** The destination count of each slot. */
    public int[] numDests;
    /** The {@code IP_VS_SVC_F_*} flags of each slot. */
    public int[] flags;
    /** The persistence timeout of each slot in seconds. */
    public int[] timeoutSeconds;
    /** The control plane's owner id of each slot (the service port name, for explain). */
    public int[] owner;
    /** The control plane's address kind of each slot. */
    public int[] kind;
    private int highWater;
    private int freeHead = -1;
    private int size;

    /** An empty IPv4 table of {@code 2^bits} buckets. */
    public VirtualServerTable(int bits, int initialCapacity) {
        this(bits, initialCapacity, new AddressBook(io.kpbench.net.IpFamily.IPv4));
    }

    /** An empty table of {@code 2^bits} buckets naming addresses through {@code book}. */
    public VirtualServerTable(int bits, int initialCapacity, AddressBook book) {
        this.bits = bits;
        this.book = book;
        this.v6 = book.v6();
        this.bucket = new int[1 << bits];
        Arrays.fill(bucket, -1);
        allocate(Math.max(16, initialCapacity));
    }

    private void allocate(int cap) {
        key = grow(key, cap);
        chainNext = grow(chainNext, cap);
        firstDest = grow(firstDest, cap);
        numDests = grow(numDests, cap);
        flags = grow(flags, cap);
        timeoutSeconds = grow(timeoutSeconds, cap);
        owner = grow(owner, cap);
        kind = grow(kind, cap);
        if (v6) {
            probe = grow(probe, cap);
            addrHi = grow(addrHi, cap);
            addrLo = grow(addrLo, cap);
        } else {
            probe = key;
        }
    }

    /** The number of slots ever used (scheduler state arrays are sized to at least this). */
    public int capacity() {
        return key.length;
    }

    /** The number of virtual servers. */
    public int size() {
        return size;
    }

    /** The bucket of (protocol, hashed address word, port). */
    public int bucketOf(int protocol, int word, int port) {
        return IpvsHash.svc(protocol, word, port, bits);
    }

    /**
     * Walks the chain of (protocol, address, port) as {@code __ip_vs_service_find} does, for either family.
     *
     * @param word {@link IpvsHash#word} of (hi, lo), computed once per packet by the caller
     * @return {@code visited << 32 | (slot + 1)}: the nodes visited, and the slot + 1 (0 on a miss)
     */
    public long lookup(int protocol, long hi, long lo, int word, int port) {
        long want = ServiceKey.pack(word, protocol, port);
        long[] probes = probe;
        long[] his = addrHi;
        long[] los = addrLo;
        int[] next = chainNext;
        long visited = 0;
        for (int s = bucket[IpvsHash.svc(protocol, word, port, bits)]; s >= 0; s = next[s]) {
            visited++;
            if (probes[s] == want && (his == null || los[s] == lo && his[s] == hi)) {
                return (visited << 32) | (s + 1);
            }
        }
        return visited << 32;
    }

    /** The slot of a key, or -1 (control plane). */
    public int find(long packedKey) {
        int proto = ServiceKey.protocol(packedKey);
        int port = ServiceKey.port(packedKey);
        int h = book.hashAddr(ServiceKey.addr(packedKey));
        for (int s = bucket[IpvsHash.svc(proto, h, port, bits)]; s >= 0; s = chainNext[s]) {
            if (key[s] == packedKey) {
                return s;
            }
        }
        return -1;
    }

    /** Adds a virtual server at the head of its chain; returns its slot. The key must be absent. */
    public int add(long packedKey, int svcFlags, int timeout, int ownerId, int kindId) {
        int s = freeHead;
        if (s >= 0) {
            freeHead = chainNext[s];
        } else {
            if (highWater == key.length) {
                allocate(key.length * 2);
            }
            s = highWater++;
        }
        key[s] = packedKey;
        flags[s] = svcFlags;
        timeoutSeconds[s] = timeout;
        owner[s] = ownerId;
        kind[s] = kindId;
        firstDest[s] = -1;
        numDests[s] = 0;
        if (v6) {
            int id = ServiceKey.addr(packedKey);
            addrHi[s] = book.hi(id);
            addrLo[s] = book.lo(id);
            probe[s] = ServiceKey.pack(book.hashAddr(id), ServiceKey.protocol(packedKey), ServiceKey.port(packedKey));
        }
        int b = bucketOfSlot(s);
        chainNext[s] = bucket[b];
        bucket[b] = s;
        size++;
        return s;
    }

    /** Unlinks and frees a slot. */
    public void remove(int s) {
        int b = bucketOfSlot(s);
        Chains.unlink(bucket, chainNext, b, Chains.predecessor(bucket, chainNext, b, s), s);
        key[s] = -1L;
        probe[s] = -1L;
        chainNext[s] = freeHead;
        freeHead = s;
        size--;
    }

    /** The bucket of live slot {@code s}. */
    public int bucketOfSlot(int s) {
        long p = probe[s];
        return IpvsHash.svc(ServiceKey.protocol(p), ServiceKey.addr(p), ServiceKey.port(p), bits);
    }

    /** True when slot {@code s} holds a virtual server. */
    public boolean live(int s) {
        return s >= 0 && s < highWater && key[s] != -1L;
    }

    /** The number of slots below the high-water mark (live or free). */
    public int highWater() {
        return highWater;
    }

    /** The length of every chain, for the cost model. */
    public int[] chainLengths() {
        return Chains.lengths(bucket, chainNext);
    }
}
