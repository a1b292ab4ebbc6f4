package io.kpbench.cluster.manifest;

import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.common.UserError;
import io.kpbench.net.IpAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster IPs the loaded services claim, as the API server's allocator keeps them: one service per IP, of
 * either family, whatever its ports; a second claim is an error naming both services.
 *
 * <p>This follows kube-apiserver's {@code Allocators.allocClusterIPs} ({@code pkg/registry/core/service/storage/
 * alloc.go}, v1.27+), which asks the per-family bitmap allocator of {@code pkg/registry/core/service/ipallocator}
 * to {@code Allocate} each requested {@code spec.clusterIPs} entry and refuses the Service when the IP is taken
 * ({@code ErrAllocated}, "provided IP is already allocated"). The allocator is keyed by the address alone, so two
 * services on one IP with different ports are refused too. Headless services ({@code None}) claim nothing; the
 * service CIDR itself is not checked, since the loader is not told it.
 */
final class ClusterIpAllocations {
    private final Map<IpAddress, Claim> claims = new HashMap<>();

    /** A claim on a cluster IP: the service, the field and the file that made it. */
    private record Claim(ObjectRef service, String field, String file) {
    }

    /** Claims every cluster IP of {@code s}, read from {@code file}. */
    void claim(Service s, String file) {
        List<IpAddress> ips = s.clusterIPs();
        for (int i = 0; i < ips.size(); i++) {
            String field = i == 0 ? "spec.clusterIP" : "spec.clusterIPs[" + i + "]";
            Claim prior = claims.putIfAbsent(ips.get(i), new Claim(s.ref(), field, file));
            if (prior != null) {
                throw UserError.at(file, "Service " + s.ref(), field, ips.get(i) + " is already allocated to Service "
                        + prior.service + " (" + prior.field + " in " + prior.file + ")");
            }
        }
    }
}
