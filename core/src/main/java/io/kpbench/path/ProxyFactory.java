package io.kpbench.path;

import io.kpbench.net.IpFamily;
import io.kpbench.proxy.DataPlane;
import io.kpbench.proxy.NodeConfig;

/**
 * Builds one node's proxier: {@link io.kpbench.proxy.ProxyMode#create} or the CLI's {@code ModeOptions#create}.
 */
@FunctionalInterface
public interface ProxyFactory {
    /** A new, empty proxier for {@code node} and {@code family}. */
    DataPlane create(NodeConfig node, IpFamily family);
}
