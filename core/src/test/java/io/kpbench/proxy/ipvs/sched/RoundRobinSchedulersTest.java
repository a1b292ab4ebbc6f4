package io.kpbench.proxy.ipvs.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RoundRobinSchedulersTest {
    @Test
    void rrCyclesThroughDestinationsInKernelListOrder() {
        SchedulerFixture f = new SchedulerFixture("rr");
        int a = f.add(1, 1);
        int b = f.add(2, 1);
        int c = f.add(3, 1);
        // list_add_rcu puts each new destination at the head: c, b, a
        assertArrayEquals(new int[] {c, b, a, c, b, a}, picks(f, 6));
    }

    @Test
    void rrSkipsQuiescedDestinationsAndReturnsNoneWhenAllAreQuiesced() {
        SchedulerFixture f = new SchedulerFixture("rr");
        int a = f.add(1, 1);
        int b = f.add(2, 1);
        f.netlink.setWeight(b, 0);
        assertArrayEquals(new int[] {a, a, a}, picks(f, 3));
        f.netlink.setWeight(a, 0);
        assertEquals(-1, f.pick());
    }

    @Test
    void rrCursorMovesToThePredecessorWhenItsDestinationIsDeleted() {
        SchedulerFixture f = new SchedulerFixture("rr");
        int a = f.add(1, 1);
        int b = f.add(2, 1);
        int c = f.add(3, 1);
        assertEquals(c, f.pick());
        assertEquals(b, f.pick());
        f.netlink.deleteDest(b);
        assertEquals(a, f.pick());
        assertEquals(c, f.pick());
    }

    @Test
    void wrrFollowsTheFallingThresholdSequence() {
        SchedulerFixture f = new SchedulerFixture("wrr");
        int c = f.add(3, 2);
        int b = f.add(2, 3);
        int a = f.add(1, 4);
        // adding one by one keeps cw at 1 (ip_vs_wrr_dest_changed), so the first pass takes every server
        assertArrayEquals(new int[] {a, b, c, a, a, b, a, b, c, a, b, c}, picks(f, 12));
    }

    @Test
    void wrrFromAFreshServiceStartsAtTheMaximumWeight() {
        SchedulerFixture f = new SchedulerFixture("wrr");
        int c = f.add(3, 2);
        int b = f.add(2, 3);
        int a = f.add(1, 4);
        f.sched.initService(f.v);
        // list a(4), b(3), c(2): thresholds 4, 3, 2, 1
        assertArrayEquals(new int[] {a, a, b, a, b, c, a, b, c}, picks(f, 9));
    }

    @Test
    void wrrWithCommonDivisorStepsByTheGcd() {
        SchedulerFixture f = new SchedulerFixture("wrr");
        int b = f.add(2, 2);
        int a = f.add(1, 4);
        f.sched.initService(f.v);
        // di = 2, mw = 4 - 1 = 3: thresholds 3, 1
        assertArrayEquals(new int[] {a, a, b, a, a, b}, picks(f, 6));
    }

    @Property(tries = 200)
    void wrrMatchesTheClassicLvsWeightedRoundRobin(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 10) Integer> weights) {
        SchedulerFixture f = new SchedulerFixture("wrr");
        List<Integer> ids = new ArrayList<>();
        for (int i = weights.size() - 1; i >= 0; i--) {
            ids.add(0, f.add(i + 1, weights.get(i)));
        }
        f.sched.initService(f.v);
        int sum = weights.stream().mapToInt(Integer::intValue).sum();
        int max = weights.stream().mapToInt(Integer::intValue).max().orElse(0);
        int g = weights.stream().reduce(0, WeightedRoundRobinScheduler::gcd);
        int i = -1;
        int cw = 0;
        for (int k = 0; k < 3 * sum / g; k++) {
            while (true) {
                i = (i + 1) % weights.size();
                if (i == 0) {
                    cw -= g;
                    if (cw <= 0) {
                        cw = max;
                    }
                }
                if (weights.get(i) >= cw) {
                    break;
                }
            }
            assertEquals(ids.get(i), f.pick(), "pick " + k + " of " + weights);
        }
    }

    static int[] picks(SchedulerFixture f, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = f.pick();
        }
        return out;
    }
}
