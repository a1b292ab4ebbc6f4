package io.kpbench.cluster.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserSequence;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kpbench.common.UserError;
import java.io.IOException;

/**
 * Reads the documents of one run (a file, or one chunk of a large YAML file) one at a time, and converts each
 * object as soon as it is read, so that at most one fabric8 object per thread is alive.
 *
 * <p>Each document is a single object, a {@code kind: List} (or a typed list) whose {@code items} are streamed
 * one by one, or a JSON array of objects. The fields of an object up to its {@code apiVersion} and {@code kind}
 * are buffered; then a modelled object is read straight into its fabric8 class (the buffer followed by the rest
 * of the stream), and any other kind is skipped without being read. kubectl's JSON writes {@code items} before
 * {@code kind}, so an {@code items} array met before the kind is read as list items and kept only if the kind
 * turns out to be a list.
 */
final class DocumentReader {
    private final ObjectConverter converter;
    private final JsonParser p;
    private final YamlAliasGuard aliases;
    private final JsonSizeGuard size;
    private int document;
    private boolean inDocument;
    private String kind;
    private String item;

    /** A reader of the YAML documents behind {@code aliases}. */
    DocumentReader(ObjectConverter converter, YamlAliasGuard aliases) {
        this(converter, aliases, aliases, null);
    }

    /** A reader of the JSON documents of {@code p}, whose input {@code size} counts. */
    DocumentReader(ObjectConverter converter, JsonParser p, JsonSizeGuard size) {
        this(converter, p, null, size);
    }

    private DocumentReader(ObjectConverter converter, JsonParser p, YamlAliasGuard aliases, JsonSizeGuard size) {
        this.converter = converter;
        this.p = p;
        this.aliases = aliases;
        this.size = size;
    }

    /**
     * Reads every document. An error in the input ends the run: the batch then holds the objects read before it
     * and the error, a {@link UserError} for an invalid object or a {@link DocumentFailure} (numbered within this
     * run) for a malformed document. Any other exception is a bug and propagates.
     */
    DocumentBatch readAll() {
        DocumentBatch batch = new DocumentBatch();
        try (p) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                document++;
                inDocument = true;
                if (aliases != null) {
                    aliases.startDocument();
                }
                if (size != null) {
                    size.startDocument(p.currentTokenLocation().getByteOffset());
                }
                readRoot(t, batch);
                if (size != null) {
                    size.endDocument(p.currentLocation().getByteOffset());
                }
                inDocument = false;
            }
        } catch (UserError | DocumentFailure e) {
            batch.failure(e);
        } catch (IOException e) {
            batch.failure(JacksonErrors.translate(e, inDocument ? document : document + 1, kind, item));
        }
        batch.documentCount(document);
        return batch;
    }

    private void readRoot(JsonToken t, DocumentBatch batch) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            readObject(null, batch);
        } else if (t == JsonToken.START_ARRAY) {
            batch.list();
            readArray("[", batch);
        } else if (!isEmpty(t)) {
            throw notAnObject(null, t);
        }
    }

    private void readArray(String prefix, DocumentBatch batch) throws IOException {
        int i = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String at = prefix + i++ + "]";
            if (t == JsonToken.START_OBJECT) {
                readObject(at, batch);
            } else if (t == null || !isEmpty(t)) {
                throw notAnObject(at, t);
            }
        }
    }

    private void readObject(String at, DocumentBatch batch) throws IOException {
        TokenBuffer prefix = new TokenBuffer(p, null);
        prefix.writeStartObject();
        String k = null;
        String apiVersion = null;
        DocumentBatch items = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_ARRAY && at == null && "items".equals(field)
                    && (k == null || ModelKind.isList(k))) {
                items = new DocumentBatch();
                readArray("items[", items);
                continue;
            }
            if (v.isScalarValue() && "kind".equals(field)) {
                k = p.getText();
            } else if (v.isScalarValue() && "apiVersion".equals(field)) {
                apiVersion = p.getText();
            }
            prefix.writeFieldName(field);
            prefix.copyCurrentStructure(p);
            if (!FieldRules.absent(k) && !FieldRules.absent(apiVersion) && items == null && !ModelKind.isList(k)) {
                ModelKind modelled = ModelKind.of(k, apiVersion);
                if (modelled == null) {
                    batch.skip(ModelKind.skipKey(k, apiVersion));
                    skipRest();
                } else {
                    convert(modelled, JsonParserSequence.createFlattened(false, prefix.asParser(), p), at, batch);
                }
                return;
            }
        }
        if (t == null) {
            throw notAnObject(at, null);
        }
        if (ModelKind.isList(k)) {
            batch.list();
            if (items != null) {
                batch.addAll(items);
            }
            return;
        }
        if (FieldRules.absent(k)) {
            throw new DocumentFailure(document, null, at, "kind", "is required", 0, 0);
        }
        if (FieldRules.absent(apiVersion)) {
            throw new DocumentFailure(document, k, at, "apiVersion", "is required", 0, 0);
        }
        ModelKind modelled = ModelKind.of(k, apiVersion);
        if (modelled == null) {
            batch.skip(ModelKind.skipKey(k, apiVersion));
            return;
        }
        prefix.writeEndObject();
        convert(modelled, prefix.asParser(), at, batch);
    }

    /** Reads a modelled object from {@code src} (which ends with the object's END_OBJECT) and converts it. */
    private void convert(ModelKind modelled, JsonParser src, String at, DocumentBatch batch) throws IOException {
        kind = modelled.kind();
        item = at;
        if (aliases != null) {
            aliases.mark();
        }
        HasMetadata in = converter.reader(modelled).readValue(src);
        if (aliases != null && aliases.aliasesSinceMark() > 0) {
            var where = aliases.firstAliasSinceMarkAt();
            throw new DocumentFailure(document, kind, at, null, "the YAML alias " + aliases.firstAliasSinceMark()
                    + " is not supported here (it would be read as the anchor's name, not its value)",
                    where.getLineNr(), where.getColumnNr());
        }
        Object o = converter.convert(modelled, in, document, at);
        if (o == null) {
            batch.skip(EndpointSliceConverter.FQDN_SKIP_KEY);
        } else {
            batch.add(o, document);
        }
        kind = null;
        item = null;
    }

    /** Skips the rest of the current object, whose last field value was just read, through its END_OBJECT. */
    private void skipRest() throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            p.nextToken();
            p.skipChildren();
        }
    }

    private boolean isEmpty(JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NULL || t == JsonToken.VALUE_STRING && p.getText().isEmpty();
    }

    private DocumentFailure notAnObject(String at, JsonToken t) {
        if (t == null) {
            return new DocumentFailure(document, null, at, null, "the input ends inside the object", 0, 0);
        }
        String found = t == JsonToken.START_ARRAY ? "a list" : "a scalar";
        return new DocumentFailure(document, null, at, null,
                "expected a Kubernetes object (a mapping), found " + found, 0, 0);
    }
}
