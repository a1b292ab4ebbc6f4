package io.kpbench.proxy.ipvs;

import java.util.Arrays;

/**
 * The IPVS virtual-server table: a fixed number of chained buckets keyed by (protocol, address, port), walked
 * node by node, with every virtual server's fields in parallel primitive arrays indexed by a slot.
 *
 * <p>Source: Linux {@code ip_vs_ctl.c} — {@code ip_vs_svc_table[IP_VS_SVC_TAB_SIZE]} with
 * {@code IP_VS_SVC_TAB_BITS = 8} (256 buckets, never resized), {@code ip_vs_svc_hash} inserting at the chain
 * head ({@code hlist_add_head_rcu}) and {@code __ip_vs_service_find} walking the chain. With S services the
 * expected chain is S/256 nodes: about 390 at 10^5 services, which is what a lookup pays.
 *
 * <p>An IPv6 table (of an IPv6 proxier) keeps each slot's address in two more long arrays and its fold (the
 * 32 bits {@code ip_vs_svc_hashkey} mixes in for AF_INET6) in an int array; {@link #lookup6} hashes the fold and
 * compares the full address, as the kernel compares {@code svc->addr}. Keys pack the address's
 * {@link AddressBook} id, so the control plane names IPv4 and IPv6 virtual servers alike.
 *
 * <p>Reads ({@link #lookup}, {@link #lookup6}) are lock-free; writes come from the single-threaded sync.
 */
final class VirtualServerTable {
    /** Flag: {@code IP_VS_SVC_F_PERSISTENT}. */
    static final int F_PERSISTENT = 0x1;
    /** Flag: {@code IP_VS_SVC_F_SCHED2}, kube-proxy's {@code FlagSourceHash} (mh hashes the source port). */
    static final int F_SCHED_PORT = 0x10;

    final int bits;
    final int[] bucket;
    final AddressBook book;
    long[] key;
    long[] addrHi;
    long[] addrLo;
    int[] hashAddr;
    int[] chainNext;
    int[] firstDest;
    int[] numDests;
    int[] flags;
    int[] timeoutSeconds;
    int[] owner;
    int[] kind;
    private int highWater;
    private int freeHead = -1;
    private int size;

    VirtualServerTable(int bits, int initialCapacity) {
        this(bits, initialCapacity, new AddressBook(io.kpbench.net.IpFamily.IPv4));
    }

    VirtualServerTable(int bits, int initialCapacity, AddressBook book) {
        this.bits = bits;
        this.book = book;
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
        if (book.v6()) {
            addrHi = grow(addrHi, cap);
            addrLo = grow(addrLo, cap);
            hashAddr = grow(hashAddr, cap);
        }
    }

    private static int[] grow(int[] a, int cap) {
        return a == null ? new int[cap] : Arrays.copyOf(a, cap);
    }

    private static long[] grow(long[] a, int cap) {
        return a == null ? new long[cap] : Arrays.copyOf(a, cap);
    }

    /** The number of slots ever used (scheduler state arrays are sized to at least this). */
    int capacity() {
        return key.length;
    }

    /** The number of virtual servers. */
    int size() {
        return size;
    }

    /** The bucket of a key. */
    int bucketOf(int protocol, int addr, int port) {
        return IpvsHash.svc(protocol, addr, port, bits);
    }

    /**
     * Walks the chain of (protocol, addr, port) as {@code __ip_vs_service_find} does.
     *
     * @return {@code visited << 32 | (slot + 1)}: the nodes visited, and the slot + 1 (0 on a miss)
     */
    long lookup(int protocol, int addr, int port) {
        long want = ServiceKey.pack(addr, protocol, port);
        long[] keys = key;
        int[] next = chainNext;
        long visited = 0;
        for (int s = bucket[IpvsHash.svc(protocol, addr, port, bits)]; s >= 0; s = next[s]) {
            visited++;
            if (keys[s] == want) {
                return (visited << 32) | (s + 1);
            }
        }
        return visited << 32;
    }

    /**
     * Walks the chain of an IPv6 (protocol, address, port) as {@code __ip_vs_service_find} does for AF_INET6:
     * the bucket of the address's fold, then a full-address compare per node.
     *
     * @param fold {@link IpvsHash#fold} of (hi, lo), computed once per packet by the caller
     * @return as {@link #lookup}
     */
    long lookup6(int protocol, long hi, long lo, int fold, int port) {
        long want = ((long) (protocol & 0xFF) << 16) | (port & 0xFFFF);
        long[] keys = key;
        long[] his = addrHi;
        long[] los = addrLo;
        int[] next = chainNext;
        long visited = 0;
        for (int s = bucket[IpvsHash.svc(protocol, fold, port, bits)]; s >= 0; s = next[s]) {
            visited++;
            if (los[s] == lo && his[s] == hi && (keys[s] & 0xFF_FFFFL) == want) {
                return (visited << 32) | (s + 1);
            }
        }
        return visited << 32;
    }

    /** The slot of a key, or -1 (control plane). */
    int find(long packedKey) {
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
    int add(long packedKey, int svcFlags, int timeout, int ownerId, int kindId) {
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
        if (book.v6()) {
            int id = ServiceKey.addr(packedKey);
            addrHi[s] = book.hi(id);
            addrLo[s] = book.lo(id);
            hashAddr[s] = book.hashAddr(id);
        }
        int b = bucketOfSlot(s);
        chainNext[s] = bucket[b];
        bucket[b] = s;
        size++;
        return s;
    }

    /** Unlinks and frees a slot. */
    void remove(int s) {
        int b = bucketOfSlot(s);
        if (bucket[b] == s) {
            bucket[b] = chainNext[s];
        } else {
            int p = bucket[b];
            while (chainNext[p] != s) {
                p = chainNext[p];
            }
            chainNext[p] = chainNext[s];
        }
        key[s] = -1L;
        chainNext[s] = freeHead;
        freeHead = s;
        size--;
    }

    /** The bucket of live slot {@code s}. */
    int bucketOfSlot(int s) {
        long k = key[s];
        int h = book.v6() ? hashAddr[s] : ServiceKey.addr(k);
        return IpvsHash.svc(ServiceKey.protocol(k), h, ServiceKey.port(k), bits);
    }

    /** True when slot {@code s} holds a virtual server. */
    boolean live(int s) {
        return s >= 0 && s < highWater && key[s] != -1L;
    }

    /** The number of slots below the high-water mark (live or free). */
    int highWater() {
        return highWater;
    }

    /** The length of every chain, for the cost model. */
    int[] chainLengths() {
        int[] out = new int[bucket.length];
        for (int b = 0; b < bucket.length; b++) {
            for (int s = bucket[b]; s >= 0; s = chainNext[s]) {
                out[b]++;
            }
        }
        return out;
    }
}
