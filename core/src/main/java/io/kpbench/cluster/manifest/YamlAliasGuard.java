package io.kpbench.cluster.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * Counts the YAML aliases ({@code *name}) of each document and refuses a document with more than the limit.
 *
 * <p>Why not SnakeYAML's own limit: {@code LoaderOptions.setMaxAliasesForCollections} is enforced by SnakeYAML's
 * composer, and Jackson reads SnakeYAML's event stream without the composer, so the limit never fires. Jackson
 * does not expand aliases either: it reports each as a string holding the anchor's name. An alias bomb therefore
 * cannot exhaust memory here, but it is still refused; and since an alias inside a modelled object would be read
 * as the anchor's name, the loader also asks whether a converted object held any ({@link #aliasesSinceMark()}).
 */
final class YamlAliasGuard extends JsonParserDelegate {
    private final YAMLParser yaml;
    private final int maxAliases;
    private int inDocument;
    private int sinceMark;
    private String firstSinceMark;
    private JsonLocation firstSinceMarkAt;

    YamlAliasGuard(YAMLParser yaml, int maxAliases) {
        super(yaml);
        this.yaml = yaml;
        this.maxAliases = maxAliases;
    }

    /** A new document starts: its alias count starts at zero. */
    void startDocument() {
        inDocument = 0;
    }

    /** Starts counting the aliases of one object. */
    void mark() {
        sinceMark = 0;
        firstSinceMark = null;
        firstSinceMarkAt = null;
    }

    /** How many aliases were read since {@link #mark()}. */
    int aliasesSinceMark() {
        return sinceMark;
    }

    /** The first alias read since {@link #mark()}, as {@code *name}. */
    String firstAliasSinceMark() {
        return firstSinceMark;
    }

    /** Where the first alias since {@link #mark()} was. */
    JsonLocation firstAliasSinceMarkAt() {
        return firstSinceMarkAt;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t = yaml.nextToken();
        if (t == JsonToken.VALUE_STRING && yaml.isCurrentAlias()) {
            onAlias();
        }
        return t;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken t = currentToken();
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            return this;
        }
        int open = 1;
        while (open > 0) {
            t = nextToken();
            if (t == null) {
                return this;
            }
            if (t.isStructStart()) {
                open++;
            } else if (t.isStructEnd()) {
                open--;
            }
        }
        return this;
    }

    private void onAlias() throws IOException {
        JsonLocation at = yaml.currentTokenLocation();
        if (++inDocument > maxAliases) {
            throw new InputLimitException("the document has more than " + maxAliases
                    + " YAML aliases (an alias bomb?); refusing it", at.getLineNr(), at.getColumnNr());
        }
        if (sinceMark++ == 0) {
            firstSinceMark = "*" + yaml.getText();
            firstSinceMarkAt = at;
        }
    }
}
