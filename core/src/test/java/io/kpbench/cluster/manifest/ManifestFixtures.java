package io.kpbench.cluster.manifest;

import io.kpbench.cluster.ServicePort;
import io.kpbench.cluster.TargetPort;
import io.kpbench.net.Protocol;
import java.io.InputStream;
import java.util.List;

/** The good-manifest directory and the loading and port helpers the loader and conversion tests share. */
final class ManifestFixtures {
    /** The directory of manifests that load without errors. */
    static final String GOOD = "src/test/resources/manifests/good/";

    private ManifestFixtures() {
    }

    /** Loads {@code files} with the default options and no stdin. */
    static LoadResult load(String... files) {
        return ManifestLoader.load(List.of(files), InputStream.nullInputStream(), LoadOptions.defaults());
    }

    /** A Service port as the API would default it. */
    static ServicePort port(String name, Protocol p, int port, TargetPort target, int nodePort) {
        return new ServicePort(name, p, port, target, nodePort);
    }
}
