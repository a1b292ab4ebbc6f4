package io.kpbench.proxy.ipvs.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundRobinSchedulersTest {
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

    /**
     * Destinations added in the order given ({@code c=2}: 10.180.0.3 of weight 2), each at the head of the kernel's
     * list; when {@code initService} the scheduler then starts over as for a fresh service. The picks that follow are
     * named by letter.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # list_add_rcu puts each new destination at the head: c, b, a
        rr cycles through destinations in kernel list order   | rr  | a=1 b=1 c=1 | false | c b a c b a
        # adding one by one keeps cw at 1 (ip_vs_wrr_dest_changed), so the first pass takes every server
        wrr follows the falling threshold sequence            | wrr | c=2 b=3 a=4 | false | a b c a a b a b c a b c
        # list a(4), b(3), c(2): thresholds 4, 3, 2, 1
        wrr from a fresh service starts at the maximum weight | wrr | c=2 b=3 a=4 | true  | a a b a b c a b c
        # di = 2, mw = 4 - 1 = 3: thresholds 3, 1
        wrr with a common divisor steps by the gcd            | wrr | b=2 a=4     | true  | a a b a a b
        """)
    void picksInTurn(String sentence, String scheduler, String destinations, boolean initService, String picks) {
        SchedulerFixture f = new SchedulerFixture(scheduler);
        Map<Integer, String> names = new HashMap<>();
        for (String d : destinations.split(" ")) {
            String name = d.substring(0, 1);
            names.put(f.add(name.charAt(0) - 'a' + 1, Integer.parseInt(d.substring(2))), name);
        }
        if (initService) {
            f.sched.initService(f.v);
        }
        List<String> picked = new ArrayList<>();
        for (int pick : picks(f, picks.split(" ").length)) {
            picked.add(names.getOrDefault(pick, String.valueOf(pick)));
        }
        assertEquals(picks, String.join(" ", picked));
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
