package io.kpbench.cluster.manifest;

import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kpbench.net.IpAddress;
import io.kpbench.net.IpFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster-IP fields of a Service ({@code clusterIP}, {@code clusterIPs}, {@code ipFamilies}), checked for
 * agreement as the API server checks them: {@code clusterIP} is {@code clusterIPs[0]}, at most one IP per family,
 * and each IP of the family {@code ipFamilies} names at its index.
 *
 * @param clusterIPs the parsed cluster IPs; empty when headless or unset
 * @param headless true for {@code clusterIP: None}
 * @param ipFamilies {@code spec.ipFamilies}, or the families of the cluster IPs when it is absent
 */
record ServiceAddresses(List<IpAddress> clusterIPs, boolean headless, List<IpFamily> ipFamilies) {
    /** The API's spelling of a headless service's cluster IP. */
    static final String NONE = "None";

    static ServiceAddresses of(ObjectContext ctx, ServiceSpec spec) {
        String primary = spec.getClusterIP();
        List<String> all = spec.getClusterIPs() == null ? List.of() : spec.getClusterIPs();
        boolean headless = NONE.equals(primary) || (FieldRules.absent(primary) && !all.isEmpty()
                && NONE.equals(all.get(0)));
        if (!FieldRules.absent(primary) && !all.isEmpty() && !sameAddress(primary, all.get(0))) {
            throw ctx.error("spec.clusterIPs[0]", FieldRules.quote(all.get(0)) + " differs from spec.clusterIP "
                    + FieldRules.quote(primary));
        }
        List<IpAddress> ips = new ArrayList<>(2);
        if (headless) {
            if (all.size() > 1) {
                throw ctx.error("spec.clusterIPs", "must hold only \"None\" when the service is headless");
            }
        } else if (!all.isEmpty()) {
            if (all.size() > 2) {
                throw ctx.error("spec.clusterIPs", "holds " + all.size() + " addresses; at most two (one per family)");
            }
            for (int i = 0; i < all.size(); i++) {
                ips.add(FieldRules.ip(ctx, "spec.clusterIPs[" + i + "]", all.get(i)));
            }
            if (ips.size() == 2 && ips.get(0).family() == ips.get(1).family()) {
                throw ctx.error("spec.clusterIPs[1]", FieldRules.quote(all.get(1))
                        + " is of the same family as spec.clusterIPs[0]; want one IP per family");
            }
        } else if (!FieldRules.absent(primary)) {
            ips.add(FieldRules.ip(ctx, "spec.clusterIP", primary));
        }
        return new ServiceAddresses(ips, headless, families(ctx, spec.getIpFamilies(), ips));
    }

    private static List<IpFamily> families(ObjectContext ctx, List<String> given, List<IpAddress> ips) {
        if (given == null || given.isEmpty()) {
            List<IpFamily> derived = new ArrayList<>(ips.size());
            ips.forEach(ip -> derived.add(ip.family()));
            return derived;
        }
        List<IpFamily> out = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            IpFamily f = IpFamily.fromApi(given.get(i));
            if (f == null) {
                throw FieldRules.unknown(ctx, "spec.ipFamilies[" + i + "]", given.get(i), "IPv4 or IPv6");
            }
            if (i < ips.size() && ips.get(i).family() != f) {
                throw ctx.error("spec.clusterIPs[" + i + "]", FieldRules.quote(ips.get(i).toString()) + " is "
                        + ips.get(i).family() + " but spec.ipFamilies[" + i + "] is " + f);
            }
            out.add(f);
        }
        return out;
    }

    /** True when both texts are the same IP (or the same non-IP text, such as {@code None}). */
    private static boolean sameAddress(String a, String b) {
        IpAddress x = IpAddress.tryParse(a);
        IpAddress y = IpAddress.tryParse(b);
        return x != null && y != null ? x.equals(y) : a.equals(b);
    }
}
