package io.kpbench.control;

import io.kpbench.cluster.ChangeSet;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.ServiceType;
import io.kpbench.cluster.SessionAffinity;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.List;
import java.util.Map;

/**
 * A scripted {@link ChangeSource}: at each given time (ms) a new port-less service is added (one API event, valid
 * against an empty cluster); after the script, nothing more arrives.
 */
final class ScriptedChanges implements ChangeSource {
    private static final long NEVER = Long.MAX_VALUE / 4;
    private final long[] atMillis;
    private int next;

    ScriptedChanges(long... atMillis) {
        this.atMillis = atMillis.clone();
    }

    /** Changes every {@code gapMillis} ms from {@code gapMillis} to {@code untilMillis}. */
    static ScriptedChanges every(long gapMillis, long untilMillis) {
        long[] at = new long[(int) (untilMillis / gapMillis)];
        for (int i = 0; i < at.length; i++) {
            at[i] = (i + 1) * gapMillis;
        }
        return new ScriptedChanges(at);
    }

    @Override
    public TimedChange next() {
        if (next >= atMillis.length) {
            return new TimedChange(NEVER, ChangeKind.SERVICE_CREATE, ObjectRef.of("ns", "never"), List.of(), null);
        }
        ObjectRef ref = ObjectRef.of("ns", "svc-" + next);
        Service s = new Service(ref, ServiceType.ClusterIP, List.of(IpAddress.ofV4(0x0a600000 + next)), false,
                List.of(IpFamily.IPv4), List.of(), List.of(), List.of(), null, TrafficPolicy.Cluster,
                SessionAffinity.None, 10800, List.of(), 0, null, Map.of());
        long at = atMillis[next++] * 1_000_000L;
        return new TimedChange(at, ChangeKind.SERVICE_CREATE, ref, ChangeSet.builder().addService(s).build().changes(),
                null);
    }
}
