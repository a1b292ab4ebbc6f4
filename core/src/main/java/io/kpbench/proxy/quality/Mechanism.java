package io.kpbench.proxy.quality;

import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.net.FiveTuple;
import io.kpbench.proxy.DataPlane;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * One endpoint-selection mechanism under test; successive {@link #assign} calls are successive syncs of one
 * proxier, so that disruption sees the mechanism's real state carried across a change.
 */
interface Mechanism {
    /** The CSV name, e.g. {@code maglev}. */
    String name();

    /** The Maglev table size, or 0 where none applies. */
    int tableSize();

    /** Syncs to {@code cluster} (endpoints {@code endpoints}) and returns the endpoint number of every flow. */
    int[] assign(ClusterSnapshot cluster, List<Integer> endpoints, FlowSet flows);

    /** A mechanism measured through a real data plane; {@code freshDraws} re-draws randomness on every sync. */
    static Mechanism of(String name, int tableSize, Supplier<DataPlane> factory, boolean freshDraws, long seed) {
        return new Mechanism() {
            private DataPlane plane;
            private long syncs;

            @Override
            public String name() {
                return name;
            }

            @Override
            public int tableSize() {
                return tableSize;
            }

            @Override
            public int[] assign(ClusterSnapshot cluster, List<Integer> endpoints, FlowSet flows) {
                if (plane == null) {
                    plane = factory.get();
                }
                plane.sync(cluster);
                syncs++;
                return flows.classify(plane, freshDraws ? new SplittableRandom(seed * 31 + syncs) : null);
            }
        };
    }

    /** {@code hash(5-tuple) mod N} over the endpoint list: the baseline that consistent hashing improves on. */
    static Mechanism moduloHash() {
        return new Mechanism() {
            @Override
            public String name() {
                return "modulo";
            }

            @Override
            public int tableSize() {
                return 0;
            }

            @Override
            public int[] assign(ClusterSnapshot cluster, List<Integer> endpoints, FlowSet flows) {
                int[] out = new int[flows.size];
                FiveTuple t = new FiveTuple();
                for (int i = 0; i < out.length; i++) {
                    out[i] = endpoints.get((int) Long.remainderUnsigned(flows.hash(i, t), endpoints.size()));
                }
                return out;
            }
        };
    }
}
