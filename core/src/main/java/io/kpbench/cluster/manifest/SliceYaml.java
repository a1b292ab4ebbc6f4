package io.kpbench.cluster.manifest;

import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.net.IpAddress;
import java.io.IOException;
import java.util.List;

/**
 * Writes a {@code discovery.k8s.io/v1} EndpointSlice document labelled with its service and
 * {@code endpointslice.kubernetes.io/managed-by: kpbench} (so that the EndpointSlice controller leaves it alone),
 * keeping each endpoint condition's tri-state: a null condition is left out, not defaulted.
 */
final class SliceYaml {
    /** The managed-by label and the value kpbench writes, as custom EndpointSlice writers are asked to set it. */
    static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    static final String MANAGED_BY = "kpbench";

    private SliceYaml() {
    }

    static void write(YamlOut y, EndpointSlice s) throws IOException {
        y.object("discovery.k8s.io/v1", "EndpointSlice", s.ref());
        y.key(2, "labels");
        y.field(4, MANAGED_BY_LABEL, MANAGED_BY);
        y.field(4, EndpointSlice.SERVICE_NAME_LABEL, s.serviceName());
        y.field(0, "addressType", s.addressType().name());
        if (!s.ports().isEmpty()) {
            y.key(0, "ports");
            for (EndpointPort p : s.ports()) {
                y.item(0);
                y.field(2, "name", p.name());
                y.field(2, "protocol", p.protocol().name());
                if (p.port() != 0) {
                    y.field(2, "port", p.port());
                }
            }
        }
        if (s.endpoints().isEmpty()) {
            y.emptyList(0, "endpoints");
            return;
        }
        y.key(0, "endpoints");
        for (Endpoint e : s.endpoints()) {
            writeEndpoint(y, e);
        }
    }

    private static void writeEndpoint(YamlOut y, Endpoint e) {
        y.item(0);
        y.key(2, "addresses");
        for (IpAddress ip : e.addresses()) {
            y.item(2, ip);
        }
        if (e.ready() != null || e.serving() != null || e.terminating() != null) {
            y.key(2, "conditions");
            if (e.ready() != null) {
                y.field(4, "ready", e.ready().booleanValue());
            }
            if (e.serving() != null) {
                y.field(4, "serving", e.serving().booleanValue());
            }
            if (e.terminating() != null) {
                y.field(4, "terminating", e.terminating().booleanValue());
            }
        }
        if (e.hostname() != null) {
            y.field(2, "hostname", e.hostname());
        }
        if (e.nodeName() != null) {
            y.field(2, "nodeName", e.nodeName());
        }
        if (e.targetRef() != null) {
            y.key(2, "targetRef");
            if (e.targetRef().kind() != null) {
                y.field(4, "kind", e.targetRef().kind());
            }
            y.field(4, "name", e.targetRef().name());
            if (e.targetRef().namespace() != null) {
                y.field(4, "namespace", e.targetRef().namespace());
            }
        }
        if (e.zone() != null) {
            y.field(2, "zone", e.zone());
        }
        if (!e.zoneHints().isEmpty() || !e.nodeHints().isEmpty()) {
            y.key(2, "hints");
            writeHints(y, "forZones", e.zoneHints());
            writeHints(y, "forNodes", e.nodeHints());
        }
    }

    private static void writeHints(YamlOut y, String key, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        y.key(4, key);
        for (String n : names) {
            y.item(4);
            y.field(6, "name", n);
        }
    }
}
