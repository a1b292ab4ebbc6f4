package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kpbench.common.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every field of a real Service, EndpointSlice and Node replaced in turn by a value of each wrong shape (a list,
 * a mapping, a string, a float, a huge number, a boolean, null), in JSON and in YAML: each load either succeeds or
 * fails with one line that names the input and carries no Java class name, no "Exception" and no stack trace.
 */
class TypeConfusionSweepTest {
    /** What a Java name or a raw library message looks like in a line meant for a user. */
    static final Pattern JAVA_NAMES = Pattern.compile(
            "Exception|`|\\b(?:java|javax|com|org|io|jdk|sun)\\.[a-z]|Cannot invoke|JsonToken|\\bclass\\b|\\$");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<JsonNode> WRONG = List.of(F.arrayNode(), F.objectNode(), F.textNode("x"),
            F.numberNode(1.5), F.numberNode(99999999999L), F.booleanNode(true), F.nullNode());

    private final ObjectMapper json = new ObjectMapper();
    private final YAMLMapper yaml = new YAMLMapper();
    private final ManifestParsers parsers = new ManifestParsers(LoadOptions.defaults());

    /** The first Service, EndpointSlice and Node of the EKS scenario with the richest shapes. */
    private List<JsonNode> objects() throws IOException {
        JsonNode items = yaml.readTree(KubectlEksScenarioTest.EKS.toFile()).get("items");
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : items) {
            String name = item.get("metadata").get("name").asText();
            if (name.equals("storefront") || name.startsWith("storefront-")
                    || name.equals("ip-192-168-77-210.ec2.internal")) {
                out.add(item);
            }
        }
        assertEquals(3, out.size());
        return out;
    }

    /** One mutation: where the wrong value went, and the whole object with it. */
    private record Mutation(String path, JsonNode root) {
    }

    /**
     * Calls {@code each} with every mutation of {@code root}: one node replaced by one wrong value. In a list only
     * the first two elements are visited; the rest have the same shape.
     */
    private static void mutations(JsonNode root, JsonNode node, String path, Consumer<Mutation> each) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String f : names) {
                JsonNode keep = o.get(f);
                String at = path.isEmpty() ? f : path + "." + f;
                for (JsonNode w : WRONG) {
                    o.set(f, w);
                    each.accept(new Mutation(at + "=" + w, root));
                }
                o.set(f, keep);
                mutations(root, keep, at, each);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < Math.min(2, a.size()); i++) {
                JsonNode keep = a.get(i);
                String at = path + "[" + i + "]";
                for (JsonNode w : WRONG) {
                    a.set(i, w);
                    each.accept(new Mutation(at + "=" + w, root));
                }
                a.set(i, keep);
                mutations(root, keep, at, each);
            }
        }
    }

    private String check(String text, String label) {
        try {
            ManifestLoader.load(List.of("-"), new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    parsers);
            return null;
        } catch (UserError e) {
            String m = e.getMessage();
            boolean ok = m.startsWith("-: ") && !m.contains("\n") && !JAVA_NAMES.matcher(m).find();
            return ok ? null : label + " -> " + m;
        } catch (RuntimeException e) {
            return label + " -> not a user error: " + e;
        }
    }

    @Test
    void noWrongShapeAnywhereInARealObjectGivesAJavaNameOrAStackTrace() throws IOException {
        List<String> bad = new ArrayList<>();
        int[] loads = {0};
        for (JsonNode object : objects()) {
            String kind = object.get("kind").asText();
            mutations(object, object, "", m -> {
                try {
                    String j = json.writeValueAsString(m.root());
                    String y = yaml.writeValueAsString(m.root());
                    loads[0] += 2;
                    for (String failure : new String[] {check(j, kind + " JSON " + m.path()),
                        check(y, kind + " YAML " + m.path())}) {
                        if (failure != null && bad.size() < 60) {
                            bad.add(failure);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertEquals(List.of(), bad, loads[0] + " loads");
    }
}
