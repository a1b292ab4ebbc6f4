package io.kpbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpbench.proxy.ProxyMode;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Control;

/** The churn group's grace period, driven by hand on one thread (no timing). */
class ChurnBenchmarkTest {
    private final ChurnBenchmark bench = new ChurnBenchmark();
    private final ChurnBenchmark.Planes planes = new ChurnBenchmark.Planes();
    private final ChurnBenchmark.Reader reader = new ChurnBenchmark.Reader();
    /** The measurement is over: a grace period that is not yet complete returns at once. */
    private final Control over = new Control();

    @BeforeEach
    void setUp() {
        planes.mode = ProxyMode.NFTABLES;
        planes.services = 100;
        planes.endpoints = 1;
        planes.setUp();
        reader.setUp(planes);
        over.stopMeasurement = true;
    }

    @Test
    void theReaderAcknowledgesAPlaneWhenItStartsAPacketOnIt() {
        assertNull(planes.ack.plane);
        bench.classify(planes, reader);
        assertSame(planes.a, planes.ack.plane);
        planes.live = planes.b;
        assertSame(planes.a, planes.ack.plane, "no packet has started on the new plane yet");
        bench.classify(planes, reader);
        assertSame(planes.b, planes.ack.plane);
    }

    @Test
    void theGracePeriodEndsOnlyOnceTheReaderHasStartedAPacketOnThePublishedPlane() {
        bench.classify(planes, reader);
        planes.live = planes.b;
        assertFalse(planes.awaitGracePeriod(over));
        bench.classify(planes, reader);
        assertTrue(planes.awaitGracePeriod(over));
    }

    @Test
    void aWriterOpCutShortDefersTheOldPlanesUpdateUntilTheReaderHasMovedOn() {
        bench.classify(planes, reader);
        assertNull(bench.rollingUpdate(planes, over), "the reader has not started a packet on the new plane");
        assertSame(planes.b, planes.live);
        assertEquals(0, planes.pendingStep);
        bench.classify(planes, reader);
        // the deferred update of plane a completes, then the next step is published on a and waits again
        assertNull(bench.rollingUpdate(planes, over));
        assertSame(planes.a, planes.live);
        assertEquals(1, planes.pendingStep);
    }

    @Test
    void withAReaderRunningEveryWriterOpCompletes() throws InterruptedException {
        AtomicBoolean done = new AtomicBoolean();
        Thread r = new Thread(() -> {
            while (!done.get()) {
                bench.classify(planes, reader);
            }
        });
        r.start();
        try {
            Control running = new Control();
            for (int i = 0; i < 8; i++) {
                assertNotNull(bench.rollingUpdate(planes, running));
                assertEquals(-1, planes.pendingStep);
            }
        } finally {
            done.set(true);
            r.join();
        }
    }
}
