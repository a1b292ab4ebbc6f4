package io.kpbench.cluster.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The YAML and JSON parser factories and the fabric8 readers of one load, configured from {@link LoadOptions}.
 * Immutable and shared by the parser threads.
 *
 * <p>YAML goes through SnakeYAML (with {@link PlainStringYamlParser}'s shortcut for plain strings) with a
 * per-document code-point limit (SnakeYAML resets it at each {@code ---}), the alias limit and no recursive keys;
 * JSON through Jackson's byte parser with a {@link JsonSizeGuard}. Unknown fields are ignored, as {@code kubectl}
 * ignores them; floats are not truncated into integer fields, as the API server rejects them.
 *
 * <p>Both factories carry the one mapper as their codec, so every parser they create (and every token buffer made
 * from one) has it: fabric8's tree-reading deserializers ({@code Quantity} in a Node's {@code status.capacity},
 * for one) call {@code parser.getCodec().readTree(parser)}, and an {@link ObjectReader} does not lend the parser a
 * codec. The JSON factory gets the mapper from {@link JsonMapper#builder(JsonFactory)}; the YAML factory, which no
 * mapper owns, is given it here.
 */
final class ManifestParsers {
    private final YAMLFactory yaml;
    private final JsonFactory json;
    private final Map<ModelKind, ObjectReader> readers = new EnumMap<>(ModelKind.class);
    private final LoadOptions options;

    ManifestParsers(LoadOptions options) {
        this.options = options;
        LoaderOptions lo = new LoaderOptions();
        lo.setMaxAliasesForCollections(options.maxAliases());
        lo.setAllowRecursiveKeys(false);
        lo.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, options.maxDocumentBytes()));
        this.yaml = new PlainStringYamlParser.Factory(YAMLFactory.builder().loaderOptions(lo));
        this.json = JsonFactory.builder().build();
        JsonMapper mapper = JsonMapper.builder(json)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        yaml.setCodec(mapper);
        for (ModelKind k : ModelKind.values()) {
            readers.put(k, mapper.readerFor(k.type()));
        }
    }

    /** The options of this load. */
    LoadOptions options() {
        return options;
    }

    /** The fabric8 reader for a modelled kind. */
    ObjectReader reader(ModelKind kind) {
        return readers.get(kind);
    }

    /** A YAML parser over bytes, guarded against alias bombs. */
    YamlAliasGuard yaml(byte[] data, int length) throws IOException {
        return new YamlAliasGuard(yaml.createParser(data, 0, length), options.maxAliases());
    }

    /** A YAML parser over a stream, guarded against alias bombs. */
    YamlAliasGuard yaml(InputStream in) throws IOException {
        return new YamlAliasGuard(yaml.createParser(in), options.maxAliases());
    }

    /** A JSON parser over a stream that {@code guard} counts. */
    JsonParser json(JsonSizeGuard guard) throws IOException {
        return json.createParser(guard);
    }
}
