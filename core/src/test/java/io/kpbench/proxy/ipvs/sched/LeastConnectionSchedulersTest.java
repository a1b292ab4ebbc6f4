package io.kpbench.proxy.ipvs.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeastConnectionSchedulersTest {
    private static void load(SchedulerFixture f, int d, int active, int inactive) {
        f.rs.activeConns[d] = active;
        f.rs.inactConns[d] = inactive;
    }

    @Test
    void lcBreaksTiesToTheEarlierDestinationInListOrderAndSkipsQuiesced() {
        SchedulerFixture f = new SchedulerFixture("lc");
        int a = f.add(1, 1);
        int b = f.add(2, 1);
        assertEquals(b, f.pick());
        f.netlink.setWeight(b, 0);
        assertEquals(a, f.pick());
    }

    /**
     * Two destinations of weights {@code wa} and {@code wb}: a (10.180.0.1) added first, so b heads the kernel's list.
     * Each step of the script either loads one destination ({@code b=0/255}: 0 active and 255 inactive connections)
     * or expects the next pick ({@code >a}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        lc counts an active connection as 256 inactive ones         | lc  | 1 | 1   | a=1/0 b=0/255 >b b=0/257 >a
        wlc divides overhead by weight                              | wlc | 3 | 1   | a=2/0 b=1/0 >a a=4/0 >b
        # a: (1+1)/2 = 1, b: (0+1)/1 = 1 -> the tie keeps the first in list order (b)
        sed ignores inactive connections and counts the new one     | sed | 2 | 1   | a=1/0 b=0/1000 >b a=0/0 >a
        nq picks the first idle destination before comparing delays | nq  | 1 | 100 | b=1/0 >a a=1/0 >b
        """)
    void picksTheLeastLoadedDestination(String sentence, String scheduler, int wa, int wb, String script) {
        SchedulerFixture f = new SchedulerFixture(scheduler);
        int[] dest = {f.add(1, wa), f.add(2, wb)};
        String[] steps = script.split(" ");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            if (step.startsWith(">")) {
                assertEquals(dest[step.charAt(1) - 'a'], f.pick(), "step " + (i + 1) + " of " + script);
            } else {
                String[] conns = step.substring(2).split("/");
                load(f, dest[step.charAt(0) - 'a'], Integer.parseInt(conns[0]), Integer.parseInt(conns[1]));
            }
        }
    }

    @Test
    void lblcSticksToItsCachedServerUntilItIsOverloaded() {
        SchedulerFixture f = new SchedulerFixture("lblc");
        int a = f.add(1, 1);
        int b = f.add(2, 1);
        int first = f.pick();
        assertEquals(b, first);
        load(f, b, 1, 50);
        assertEquals(b, f.pick(), "locality beats load while not overloaded");
        load(f, b, 2, 0);
        assertEquals(a, f.pick(), "overloaded: 2 active > weight 1 while a has 0*2 < 1");
        assertEquals(a, ((LocalityBasedLeastConnectionScheduler) f.sched).cachedDest(f.v));
    }

    @Test
    void lblcrReplicatesTheSetWhenItsLeastLoadedMemberIsOverloaded() {
        SchedulerFixture f = new SchedulerFixture("lblcr");
        int a = f.add(1, 1);
        int b = f.add(2, 1);
        LocalityBasedLeastConnectionReplicationScheduler s =
                (LocalityBasedLeastConnectionReplicationScheduler) f.sched;
        assertEquals(b, f.pick());
        assertEquals(1, s.set(f.v).length);
        load(f, b, 2, 0);
        assertEquals(a, f.pick());
        assertEquals(2, s.set(f.v).length);
        load(f, a, 0, 3);
        load(f, b, 0, 0);
        assertEquals(b, f.pick(), "least loaded member of the set");
    }
}
