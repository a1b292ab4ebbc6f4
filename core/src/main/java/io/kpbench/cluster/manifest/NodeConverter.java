package io.kpbench.cluster.manifest;

import io.fabric8.kubernetes.api.model.NodeSpec;
import io.kpbench.cluster.Node;
import io.kpbench.cluster.NodeAddress;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a fabric8 {@code v1.Node} to the model's {@link Node}: its addresses (InternalIP and ExternalIP must be
 * IPs), labels (the zone) and pod CIDRs ({@code spec.podCIDRs}, else {@code spec.podCIDR}).
 */
final class NodeConverter {
    private NodeConverter() {
    }

    static Node convert(ObjectContext ctx, io.fabric8.kubernetes.api.model.Node in) {
        List<NodeAddress> addresses = new ArrayList<>(4);
        if (in.getStatus() != null && in.getStatus().getAddresses() != null) {
            var list = in.getStatus().getAddresses();
            for (int i = 0; i < list.size(); i++) {
                var a = FieldRules.element(ctx, "status.addresses[" + i + "]", list.get(i));
                String type = ctx.pool().canonical(a.getType());
                IpAddress ip = NodeAddress.isIpType(type)
                        ? FieldRules.ip(ctx, "status.addresses[" + i + "].address", a.getAddress()) : null;
                addresses.add(new NodeAddress(type, a.getAddress(), ip));
            }
        }
        Map<String, String> labels = new HashMap<>();
        if (in.getMetadata().getLabels() != null) {
            // a null value reads as the empty string, as Go's JSON decoder reads it into a string map
            in.getMetadata().getLabels().forEach((k, v) -> labels.put(ctx.pool().canonical(k),
                    v == null ? "" : ctx.pool().canonical(v)));
        }
        return new Node(ctx.ref().name(), addresses, labels, podCidrs(ctx, in.getSpec()));
    }

    private static List<Cidr> podCidrs(ObjectContext ctx, NodeSpec spec) {
        if (spec == null) {
            return List.of();
        }
        if (spec.getPodCIDRs() != null && !spec.getPodCIDRs().isEmpty()) {
            List<Cidr> out = new ArrayList<>(spec.getPodCIDRs().size());
            for (int i = 0; i < spec.getPodCIDRs().size(); i++) {
                out.add(FieldRules.cidr(ctx, "spec.podCIDRs[" + i + "]", spec.getPodCIDRs().get(i)));
            }
            return out;
        }
        return FieldRules.absent(spec.getPodCIDR()) ? List.of()
                : List.of(FieldRules.cidr(ctx, "spec.podCIDR", spec.getPodCIDR()));
    }
}
