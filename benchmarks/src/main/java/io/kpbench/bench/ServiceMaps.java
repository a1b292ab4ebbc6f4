package io.kpbench.bench;

import io.kpbench.net.FiveTuple;
import io.kpbench.table.LinearProbeLongIntMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.agrona.collections.Long2LongHashMap;
import org.jctools.maps.NonBlockingHashMapLong;

/**
 * The service maps {@link ServiceLookupBenchmark} compares, each behind a one-method {@link Lookup} so that a
 * fork loads exactly one implementation (a monomorphic call site; JMH sample 12).
 */
public final class ServiceMaps {
    /** The 10.96.0.0/12 service CIDR (kubeadm's default). */
    private static final int SERVICE_BASE = 0x0A60_0000;
    private static final int[] PORTS = {80, 443, 8080, 8443, 9090, 53, 5432, 6379};

    private ServiceMaps() {
    }

    /** A service lookup from a packet's primitives. */
    interface Lookup {
        /** The service id of (address, protocol, port), or -1. */
        long get(int addr, int proto, int port);
    }

    /** The implementations. */
    public enum Impl {
        /** Ours: {@link LinearProbeLongIntMap}, the packed-long map of the eBPF and userspace service lookups. */
        KPBENCH {
            @Override
            Lookup build(Keys k) {
                LinearProbeLongIntMap m = new LinearProbeLongIntMap(k.size(), -1);
                for (int i = 0; i < k.size(); i++) {
                    m.put(k.packed(i), i);
                }
                return (a, p, port) -> m.get(FiveTuple.packV4Key(a, p, port));
            }
        },
        /** {@code java.util.HashMap} with a record key built per lookup. */
        HASHMAP {
            @Override
            Lookup build(Keys k) {
                Map<ServiceKey, Integer> m = new HashMap<>(k.size() * 2);
                for (int i = 0; i < k.size(); i++) {
                    m.put(new ServiceKey(k.addr[i], k.proto[i], k.port[i]), i);
                }
                return (a, p, port) -> {
                    Integer v = m.get(new ServiceKey(a, p, port));
                    return v == null ? -1 : v;
                };
            }
        },
        /** Agrona {@code Long2LongHashMap}: open addressing over an interleaved {@code long[]}. */
        AGRONA {
            @Override
            Lookup build(Keys k) {
                Long2LongHashMap m = new Long2LongHashMap(k.size() * 2, 0.5f, -1L);
                for (int i = 0; i < k.size(); i++) {
                    m.put(k.packed(i), i);
                }
                return (a, p, port) -> m.get(FiveTuple.packV4Key(a, p, port));
            }
        },
        /** JCTools {@code NonBlockingHashMapLong}: Cliff Click's lock-free map with boxed values. */
        JCTOOLS {
            @Override
            Lookup build(Keys k) {
                NonBlockingHashMapLong<Integer> m = new NonBlockingHashMapLong<>(k.size() * 2);
                for (int i = 0; i < k.size(); i++) {
                    m.put(k.packed(i), Integer.valueOf(i));
                }
                return (a, p, port) -> {
                    Integer v = m.get(FiveTuple.packV4Key(a, p, port));
                    return v == null ? -1 : v;
                };
            }
        };

        abstract Lookup build(Keys k);
    }

    /** The HashMap baseline's key. */
    record ServiceKey(int addr, int proto, int port) {
    }

    /** Distinct service keys in three parallel arrays. */
    static final class Keys {
        final int[] addr;
        final int[] proto;
        final int[] port;

        private Keys(int n) {
            addr = new int[n];
            proto = new int[n];
            port = new int[n];
        }

        /** {@code n} keys with distinct addresses from the service CIDR, 10% UDP. */
        static Keys draw(int n, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            int[] perm = PacketMix.permutation((1 << 20) - 2, rng);
            Keys k = new Keys(n);
            for (int i = 0; i < n; i++) {
                k.addr[i] = SERVICE_BASE + 1 + perm[i];
                k.proto[i] = rng.nextInt(10) == 0 ? 17 : 6;
                k.port[i] = PORTS[rng.nextInt(PORTS.length)];
            }
            return k;
        }

        int size() {
            return addr.length;
        }

        long packed(int i) {
            return FiveTuple.packV4Key(addr[i], proto[i], port[i]);
        }

        /** {@code count} lookups drawn uniformly from the keys, as interleaved (addr, proto, port) triples. */
        int[] lookups(int count, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            int[] out = new int[count * 3];
            for (int j = 0; j < count; j++) {
                int i = rng.nextInt(size());
                out[3 * j] = addr[i];
                out[3 * j + 1] = proto[i];
                out[3 * j + 2] = port[i];
            }
            return out;
        }
    }
}
