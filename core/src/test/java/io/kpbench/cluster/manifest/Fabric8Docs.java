package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kpbench.cluster.ClusterSnapshot;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Written YAML read back through Jackson YAML and the fabric8 model, as the manifest loader reads it. */
final class Fabric8Docs {
    final String yaml;
    final List<HasMetadata> all;
    final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    final Map<String, Node> nodes = new LinkedHashMap<>();
    final Map<String, Service> services = new LinkedHashMap<>();
    final Map<String, EndpointSlice> slices = new LinkedHashMap<>();

    private Fabric8Docs(String yaml) throws IOException {
        this.yaml = yaml;
        ObjectMapper m = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.all = new ArrayList<>(m.readerFor(HasMetadata.class).<HasMetadata>readValues(yaml).readAll());
        for (HasMetadata o : all) {
            assertNotNull(o, "an empty document");
            String key = o.getMetadata().getNamespace() == null ? o.getMetadata().getName()
                    : o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
            if (o instanceof Namespace n) {
                namespaces.put(key, n);
            } else if (o instanceof Node n) {
                nodes.put(key, n);
            } else if (o instanceof Service s) {
                services.put(key, s);
            } else if (o instanceof EndpointSlice s) {
                slices.put(key, s);
            } else {
                fail("not a typed Namespace, Node, Service or EndpointSlice: " + o.getClass() + " " + key);
            }
        }
    }

    /** Writes {@code c} and reads it back. */
    static Fabric8Docs of(ClusterSnapshot c) {
        StringWriter w = new StringWriter();
        try {
            ManifestWriter.write(c, w);
            return new Fabric8Docs(w.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kinds in document order. */
    List<String> kinds() {
        return all.stream().map(HasMetadata::getKind).toList();
    }
}
