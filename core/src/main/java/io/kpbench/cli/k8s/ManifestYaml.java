package io.kpbench.cli.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes fabric8 objects as multi-document YAML for {@code kubectl apply -f}: a comment header (what the file is,
 * the commands to run), then one {@code ---} document per object. Scripts are written as literal blocks, so the
 * container's command reads as the shell it is.
 */
public final class ManifestYaml {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build())
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    private ManifestYaml() {
    }

    /** Writes the header lines as comments, then each object as its own document. */
    public static void write(Writer out, List<String> header, List<? extends HasMetadata> objects) throws IOException {
        for (String line : header) {
            out.write(line.isEmpty() ? "#\n" : "# " + line + "\n");
        }
        for (HasMetadata o : objects) {
            String doc = YAML.writeValueAsString(o);
            out.write(doc.endsWith("\n") ? doc : doc + "\n");
        }
        out.flush();
    }

    /** The mapper that reads what {@link #write} wrote (tests parse the output back with it). */
    public static ObjectMapper mapper() {
        return YAML.copy();
    }
}
