package io.kpbench.proxy.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The connection table's lazily evaluated timers against a model that fires every timer in time order, as the
 * kernel's do: Linux 6.12 {@code ip_vs_conn_expire} re-arms a template that controls connections for 60 s and
 * makes 60 s its timeout; {@code ip_vs_sched_persist} puts a found template back with that timeout.
 */
class TemplateTimersTest {
    private static final long S = ConnectionTable.NANOS;
    private static final long[] PERSISTENCE = {10 * S, 45 * S, 130 * S};
    private static final long[] CONNECTION = {60 * S, 300 * S, 900 * S};
    private static final IpAddress VIP = IpAddress.parse("172.30.0.41");

    /** One entry of the eager model: a timer that fires at {@code at}. */
    private static final class Timer {
        final int index;
        final Timer template;
        final int client;
        long at;
        long timeout;
        int controls;
        boolean live = true;

        /** A timer armed at {@code now} for {@code timeout}. */
        Timer(int index, Timer template, int client, long now, long timeout) {
            this.index = index;
            this.template = template;
            this.client = client;
            this.at = now + timeout;
            this.timeout = timeout;
        }
    }

    private final List<Timer> timers = new ArrayList<>();

    /** Fires, in time order, every timer due before {@code now}; a connection fires before a template due with it. */
    private void advance(long now) {
        while (true) {
            Timer next = null;
            for (Timer t : timers) {
                if (t.live && t.at - now < 0 && (next == null || t.at < next.at
                        || t.at == next.at && next.template == null && t.template != null)) {
                    next = t;
                }
            }
            if (next == null) {
                return;
            }
            if (next.template == null && next.controls > 0) {
                next.at += ConnectionTable.REARM;
                next.timeout = ConnectionTable.REARM;
            } else {
                next.live = false;
                if (next.template != null) {
                    next.template.controls--;
                }
            }
        }
    }

    private Timer liveTemplate(int client) {
        for (Timer t : timers) {
            if (t.live && t.template == null && t.client == client) {
                return t;
            }
        }
        return null;
    }

    private int live() {
        int n = 0;
        for (Timer t : timers) {
            n += t.live ? 1 : 0;
        }
        return n;
    }

    @Test
    void lazyTemplateTimersAgreeWithTimersFiredInOrderOnRandomSequences() {
        for (int seed = 0; seed < 40; seed++) {
            timers.clear();
            Random r = new Random(seed);
            AddressBook book = new AddressBook(IpFamily.IPv4);
            VirtualServerTable vst = new VirtualServerTable(8, 16, book);
            RealServerPool rs = new RealServerPool(16, book);
            int v = vst.add(ServiceKey.pack(book.id(VIP), 6, 80), 0, 0, 0, 0);
            int d = rs.add(vst, v, book.id(IpAddress.parse("10.180.0.1")), 80, 1);
            ConnectionTable conns = new ConnectionTable(rs, 8, seed, 64);
            long persistence = PERSISTENCE[r.nextInt(PERSISTENCE.length)];
            long now = 0;
            for (int op = 0; op < 300; op++) {
                now += r.nextInt(4) == 0 ? 0 : r.nextInt(150) * S + (r.nextBoolean() ? 0 : r.nextInt(1000));
                advance(now);
                int client = r.nextInt(3);
                int word = 0x0A000001 + client;
                String at = "seed " + seed + " op " + op + " at " + now;
                int kind = r.nextInt(10);
                if (kind < 6) {
                    Timer tpl = liveTemplate(client);
                    int found = (int) conns.lookupTemplate(6, 0, 0, word, 0, 0, VIP.v4(), 80, now) - 1;
                    assertEquals(tpl == null ? -1 : tpl.index, found, at + ": template lookup");
                    if (tpl != null) {
                        conns.holdTemplate(found, now, persistence);
                        tpl.at = now + tpl.timeout;
                    } else {
                        int t = conns.create(6, 0, 0, word, 0, 0, 0, VIP.v4(), 80, d, ConnectionTable.F_TEMPLATE, now,
                                persistence, -1);
                        tpl = new Timer(t, null, client, now, persistence);
                        timers.add(tpl);
                    }
                    long timeout = CONNECTION[r.nextInt(CONNECTION.length)];
                    int c = conns.create(6, 0, 0, word, 1024 + op, 0, 0, VIP.v4(), 80, d, ConnectionTable.F_INACTIVE,
                            now, timeout, tpl.index);
                    timers.add(new Timer(c, tpl, client, now, timeout));
                    tpl.controls++;
                } else if (kind < 8) {
                    List<Timer> open = new ArrayList<>();
                    for (Timer t : timers) {
                        if (t.live && t.template != null) {
                            open.add(t);
                        }
                    }
                    if (!open.isEmpty()) {
                        Timer c = open.get(r.nextInt(open.size()));
                        if (kind == 6) {
                            conns.establish(c.index, now);
                            c.at = now + ConnectionTable.TCP_ESTABLISHED;
                        } else {
                            conns.close(c.index, now);
                            c.at = now + ConnectionTable.TCP_TIME_WAIT;
                        }
                    }
                } else {
                    conns.expire(now);
                    assertEquals(live(), conns.size(), at + ": live entries after expire");
                }
            }
        }
    }
}
