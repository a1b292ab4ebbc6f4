package io.kpbench.cluster.manifest;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointHints;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.EndpointPort;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.TargetRef;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts a fabric8 {@code discovery.k8s.io/v1} EndpointSlice to the model's {@link EndpointSlice}, as kube-proxy's
 * {@code EndpointSliceCache} reads it: the owning service from the {@code kubernetes.io/service-name} label, ports
 * without a number dropped, every address of the slice's family, conditions kept tri-state; and each endpoint's
 * {@code targetRef} (which kube-proxy ignores) for the path model's pod names.
 *
 * <p>Node names, zones, port names and hint names go through the pool: a cluster has a few hundred of each, shared
 * by up to a million endpoints.
 */
final class EndpointSliceConverter {
    /** The key FQDN slices are counted under when skipped (kube-proxy ignores them). */
    static final String FQDN_SKIP_KEY = "EndpointSlice (FQDN)";

    private EndpointSliceConverter() {
    }

    /** The converted slice, or null for an FQDN slice, which the caller counts as skipped. */
    static EndpointSlice convert(ObjectContext ctx, io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice in) {
        Map<String, String> labels = in.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(EndpointSlice.SERVICE_NAME_LABEL);
        if (FieldRules.absent(service)) {
            throw ctx.error("metadata.labels", "the " + EndpointSlice.SERVICE_NAME_LABEL + " label is required");
        }
        String type = in.getAddressType();
        if (FieldRules.absent(type)) {
            throw ctx.error("addressType", "is required");
        }
        if ("FQDN".equals(type)) {
            return null;
        }
        IpFamily family = IpFamily.fromApi(type);
        if (family == null) {
            throw FieldRules.unknown(ctx, "addressType", type, "IPv4, IPv6 or FQDN");
        }
        return new EndpointSlice(ctx.ref(), service, family, ports(ctx, in.getPorts()),
                endpoints(ctx, family, in.getEndpoints()));
    }

    private static List<EndpointPort> ports(ObjectContext ctx,
            List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> in) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        List<EndpointPort> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            String f = "ports[" + i + "]";
            var p = FieldRules.element(ctx, f, in.get(i));
            if (p.getPort() == null) {
                continue; // the API allows a port without a number; kube-proxy ignores it
            }
            out.add(new EndpointPort(ctx.pool().canonical(p.getName()),
                    FieldRules.protocol(ctx, f + ".protocol", p.getProtocol()),
                    FieldRules.port(ctx, f + ".port", p.getPort())));
        }
        return out;
    }

    private static List<Endpoint> endpoints(ObjectContext ctx, IpFamily family,
            List<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint> in) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        StringPool pool = ctx.pool();
        List<Endpoint> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            var e = FieldRules.element(ctx, "endpoints[" + i + "]", in.get(i));
            List<String> texts = e.getAddresses();
            if (texts == null || texts.isEmpty()) {
                throw ctx.error("endpoints[" + i + "].addresses", "at least one address is required");
            }
            IpAddress[] addresses = new IpAddress[texts.size()];
            for (int j = 0; j < addresses.length; j++) {
                String f = "endpoints[" + i + "].addresses[" + j + "]";
                IpAddress ip = FieldRules.ip(ctx, f, texts.get(j));
                if (ip.family() != family) {
                    throw ctx.error(f, FieldRules.quote(texts.get(j)) + " is " + ip.family()
                            + " but the slice's addressType is " + family);
                }
                addresses[j] = ip;
            }
            EndpointConditions c = e.getConditions();
            EndpointHints h = e.getHints();
            out.add(new Endpoint(List.of(addresses),
                    c == null ? null : c.getReady(), c == null ? null : c.getServing(),
                    c == null ? null : c.getTerminating(),
                    pool.canonical(e.getNodeName()), pool.canonical(e.getZone()),
                    h == null ? null : zoneHints(ctx, i, h), h == null ? null : nodeHints(ctx, i, h),
                    e.getHostname(), targetRef(pool, e.getTargetRef())));
        }
        return out;
    }

    /** The endpoint's targetRef (kind and namespace pooled), or null when it has none or names nothing. */
    private static TargetRef targetRef(StringPool pool, ObjectReference in) {
        if (in == null || FieldRules.absent(in.getName())) {
            return null;
        }
        return new TargetRef(pool.canonical(in.getKind()), pool.canonical(in.getNamespace()), in.getName());
    }

    private static List<String> zoneHints(ObjectContext ctx, int endpoint, EndpointHints h) {
        if (h.getForZones() == null || h.getForZones().isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(h.getForZones().size());
        for (int i = 0; i < h.getForZones().size(); i++) {
            String f = "endpoints[" + endpoint + "].hints.forZones[" + i + "]";
            out.add(ctx.pool().canonical(required(ctx, f + ".name",
                    FieldRules.element(ctx, f, h.getForZones().get(i)).getName())));
        }
        return out;
    }

    private static List<String> nodeHints(ObjectContext ctx, int endpoint, EndpointHints h) {
        if (h.getForNodes() == null || h.getForNodes().isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(h.getForNodes().size());
        for (int i = 0; i < h.getForNodes().size(); i++) {
            String f = "endpoints[" + endpoint + "].hints.forNodes[" + i + "]";
            out.add(ctx.pool().canonical(required(ctx, f + ".name",
                    FieldRules.element(ctx, f, h.getForNodes().get(i)).getName())));
        }
        return out;
    }

    /** A hint's name, which the API requires. */
    private static String required(ObjectContext ctx, String field, String name) {
        if (FieldRules.absent(name)) {
            throw ctx.error(field, "is required");
        }
        return name;
    }
}
