package io.kpbench.proxy.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import org.junit.jupiter.api.Test;

class ConnectionTableTest {
    private static final long S = ConnectionTable.NANOS;
    private static final IpAddress CLIENT = IpAddress.parse("10.0.0.5");
    private static final IpAddress VIP = IpAddress.parse("172.30.0.41");

    /** One virtual server {@code vip:80} with one destination {@code dest:80}, and a connection table. */
    private static final class Kernel {
        final RealServerPool rs;
        final ConnectionTable conns;
        final int d;

        Kernel(IpFamily family, String vip, String dest, int poolSize) {
            AddressBook book = new AddressBook(family);
            VirtualServerTable vst = new VirtualServerTable(8, 16, book);
            rs = new RealServerPool(16, book);
            int v = vst.add(ServiceKey.pack(book.id(IpAddress.parse(vip)), 6, 80), 0, 0, 0, 0);
            d = rs.add(vst, v, book.id(IpAddress.parse(dest)), 80, 1);
            conns = new ConnectionTable(rs, 12, 0, poolSize);
        }

        int create(IpAddress client, int cport, IpAddress vip, int flags, long now, long timeout) {
            return conns.create(6, client.hi(), client.lo(), word(client), cport, vip.hi(), vip.lo(), word(vip), 80,
                    d, flags, now, timeout, -1);
        }

        /** A persistence template (client port 0) for {@code client} to {@code vip:80}. */
        int template(IpAddress client, IpAddress vip, long now, long timeout) {
            return conns.create(6, client.hi(), client.lo(), word(client), 0, vip.hi(), vip.lo(), word(vip), 80, d,
                    ConnectionTable.F_TEMPLATE, now, timeout, -1);
        }

        /** A connection controlled by {@code template}. */
        int controlled(IpAddress client, int cport, IpAddress vip, long now, long timeout, int template) {
            return conns.create(6, client.hi(), client.lo(), word(client), cport, vip.hi(), vip.lo(), word(vip), 80,
                    d, ConnectionTable.F_INACTIVE, now, timeout, template);
        }

        /** The entry + 1 of the template, 0 on a miss. */
        int lookupTemplate(IpAddress client, IpAddress vip, long now) {
            return (int) conns.lookupTemplate(6, client.hi(), client.lo(), word(client), vip.hi(), vip.lo(), word(vip),
                    80, now);
        }

        /** The entry + 1 of the connection, 0 on a miss. */
        int lookup(IpAddress client, int cport, IpAddress vip, long now) {
            return (int) conns.lookup(6, client.hi(), client.lo(), word(client), cport, vip.hi(), vip.lo(), word(vip),
                    80, now);
        }

        private static int word(IpAddress a) {
            return IpvsHash.word(!a.isV4(), a.hi(), a.lo());
        }
    }

    @Test
    void aTcpConnectionIsInactiveUntilEstablishedAndFoundByItsFiveTuple() {
        Kernel k = new Kernel(IpFamily.IPv4, "172.30.0.41", "10.180.0.1", 1 << 16);
        int c = k.create(CLIENT, 1000, VIP, ConnectionTable.F_INACTIVE, 0, 60 * S);
        assertEquals(1, k.rs.inactConns[k.d]);
        assertEquals(c + 1, k.lookup(CLIENT, 1000, VIP, S));
        assertEquals(0, k.lookup(CLIENT, 1001, VIP, S));
        k.conns.establish(c, S);
        assertEquals(1, k.rs.activeConns[k.d]);
        assertEquals(0, k.rs.inactConns[k.d]);
        k.conns.close(c, 2 * S);
        assertEquals(1, k.rs.inactConns[k.d]);
    }

    @Test
    void entriesExpireByTheCallersClockAndReleaseTheirCounts() {
        Kernel k = new Kernel(IpFamily.IPv4, "172.30.0.41", "10.180.0.1", 1 << 16);
        k.create(CLIENT, 1000, VIP, ConnectionTable.F_INACTIVE, 0, 60 * S);
        assertEquals(0, k.conns.expire(59 * S));
        assertEquals(0, k.lookup(CLIENT, 1000, VIP, 61 * S), "expired: a miss");
        assertEquals(1, k.conns.expire(61 * S));
        assertEquals(0, k.rs.inactConns[k.d]);
        assertEquals(0, k.conns.size());
    }

    /**
     * Follows Linux 6.12 {@code ip_vs_conn.c}: {@code ip_vs_ct_in_get} checks no expiry, and {@code
     * ip_vs_conn_expire} re-arms a template that still controls a connection for 60 s.
     */
    @Test
    void aTemplateStaysFindableWhileItControlsAConnectionAndGoesAtTheFirst60SecondReArmAfterIt() {
        Kernel k = new Kernel(IpFamily.IPv4, "172.30.0.41", "10.180.0.1", 1 << 16);
        int t = k.template(CLIENT, VIP, 0, 10 * S);
        k.controlled(CLIENT, 1000, VIP, 0, 300 * S, t);
        assertEquals(t + 1, k.lookupTemplate(CLIENT, VIP, 100 * S), "past its 10 s, re-armed at 10, 70, ... s");
        assertEquals(t + 1, k.lookupTemplate(CLIENT, VIP, 309 * S), "the re-arm at 250 s runs to 310 s");
        assertEquals(0, k.lookupTemplate(CLIENT, VIP, 311 * S), "at 310 s it controls nothing live: freed");
        assertEquals(2, k.conns.expire(311 * S));
        assertEquals(0, k.rs.persistConns[k.d]);
    }

    /** Follows Linux 6.12 {@code ip_vs_conn_expire}: the re-arms happened whenever the connection is reaped. */
    @Test
    void aTemplateKeepsTheReArmsOfAConnectionReapedBeforeIt() {
        Kernel k = new Kernel(IpFamily.IPv4, "172.30.0.41", "10.180.0.1", 1 << 16);
        int t = k.template(CLIENT, VIP, 0, 10 * S);
        k.controlled(CLIENT, 1000, VIP, 0, 300 * S, t);
        assertEquals(1, k.conns.expire(301 * S), "the connection goes; the template's timer runs to 310 s");
        assertEquals(t + 1, k.lookupTemplate(CLIENT, VIP, 305 * S));
        assertEquals(0, k.lookupTemplate(CLIENT, VIP, 311 * S));
    }

    /**
     * Follows Linux 6.12 {@code ip_vs_conn_expire} (sets a re-armed template's timeout to 60 s) and {@code
     * ip_vs_sched_persist}, whose {@code ip_vs_conn_put} re-arms a found template with that timeout.
     */
    @Test
    void aReArmedTemplateIsExtendedBy60SecondsOnUseNotByThePersistenceTimeout() {
        Kernel k = new Kernel(IpFamily.IPv4, "172.30.0.41", "10.180.0.1", 1 << 16);
        int t = k.template(CLIENT, VIP, 0, 120 * S);
        k.controlled(CLIENT, 1000, VIP, 0, 250 * S, t);
        k.conns.holdTemplate(t, 50 * S, 120 * S);
        assertEquals(t + 1, k.lookupTemplate(CLIENT, VIP, 200 * S), "fired at 170 s, re-armed to 230 s");
        k.conns.holdTemplate(t, 200 * S, 120 * S);
        assertEquals(t + 1, k.lookupTemplate(CLIENT, VIP, 259 * S), "used at 200 s: 60 s more, to 260 s");
        assertEquals(0, k.lookupTemplate(CLIENT, VIP, 261 * S), "the connection went at 250 s");
    }

    @Test
    void thePoolGrowsOnTheSlowPathAndChainsSpreadOver4096Buckets() {
        Kernel k = new Kernel(IpFamily.IPv4, "172.30.0.41", "10.180.0.1", 16);
        for (int i = 0; i < 40_960; i++) {
            k.create(IpAddress.ofV4(0x0A000000 + i / 60), 1024 + i % 60, VIP, 0, 0, 900 * S);
        }
        assertEquals(40_960, k.conns.size());
        int[] chains = k.conns.chainLengths();
        int max = 0;
        for (int c : chains) {
            max = Math.max(max, c);
        }
        assertEquals(4096, chains.length);
        assertTrue(max < 40, "jhash spreads 10 per bucket on average; max " + max);
    }

    @Test
    void anIpv6ConnectionIsFoundByItsFullAddressesAndNotByAnotherWithTheSameFold() {
        Kernel k = new Kernel(IpFamily.IPv6, "2020::1", "1002:ab8::2:10", 1 << 16);
        IpAddress c = IpAddress.parse("fd00::1:1:1:1");
        IpAddress twin = IpAddress.parse("fd00::2:2:2:2");
        IpAddress vip = IpAddress.parse("2020::1");
        int e = k.create(c, 1000, vip, ConnectionTable.F_INACTIVE, 0, 60 * S);
        assertEquals(1, k.rs.inactConns[k.d]);
        assertEquals(e + 1, k.lookup(c, 1000, vip, S));
        assertEquals(0, k.lookup(twin, 1000, vip, S));
        assertEquals(0, k.lookup(c, 1000, new IpAddress(vip.hi(), vip.lo() + 1), S));
        assertEquals("[1002:ab8::2:10]:80", k.rs.text(k.d));
        assertEquals(1, k.conns.expire(61 * S));
        assertEquals(0, k.rs.inactConns[k.d]);
    }
}
