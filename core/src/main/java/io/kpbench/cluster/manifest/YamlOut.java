package io.kpbench.cluster.manifest;

import io.kpbench.cluster.ObjectRef;
import io.kpbench.net.Cidr;
import io.kpbench.net.IpAddress;
import java.io.IOException;
import java.io.Writer;

/**
 * A streaming block-style YAML emitter in kubectl's layout (sequences at their key's indent, two spaces a level),
 * buffering into one {@link StringBuilder} that it drains to the {@link Writer} every 64 K characters, so that
 * writing a million endpoints allocates little beyond the buffer.
 *
 * <p>Callers give the indent of each line; {@link #item(int)} opens a sequence entry whose first field goes on
 * the dash's line. Keys and strings go through {@link YamlScalars}; IPv4 addresses and CIDRs are written
 * straight from their packed form.
 */
final class YamlOut {
    private static final int DRAIN_AT = 1 << 16;
    private static final char[] SPACES = " ".repeat(64).toCharArray();

    private final Writer out;
    private final StringBuilder sb = new StringBuilder(DRAIN_AT + 4096);
    private final char[] chunk = new char[DRAIN_AT];
    private boolean onDashLine;

    YamlOut(Writer out) {
        this.out = out;
    }

    /** Starts a document of {@code kind}: the separator, apiVersion and kind. */
    private void document(String apiVersion, String kind) throws IOException {
        if (sb.length() >= DRAIN_AT) {
            drain();
        }
        sb.append("---\napiVersion: ").append(apiVersion).append("\nkind: ").append(kind).append('\n');
    }

    /** Starts a cluster-scoped object of {@code kind}: the document, then {@code metadata} with its name. */
    void object(String apiVersion, String kind, String name) throws IOException {
        document(apiVersion, kind);
        key(0, "metadata");
        field(2, "name", name);
    }

    /** Starts a namespaced object of {@code kind}: {@link #object}, then the namespace of {@code ref}. */
    void object(String apiVersion, String kind, ObjectRef ref) throws IOException {
        object(apiVersion, kind, ref.name());
        field(2, "namespace", ref.namespace());
    }

    /** {@code key:} opening a nested block. */
    void key(int indent, String key) {
        keyPart(indent, key).append('\n');
    }

    /** {@code key: value}, the value a string scalar. */
    void field(int indent, String key, String value) {
        YamlScalars.append(keyPart(indent, key).append(' '), value);
        sb.append('\n');
    }

    /** {@code key: 123}. */
    void field(int indent, String key, long value) {
        keyPart(indent, key).append(' ').append(value).append('\n');
    }

    /** {@code key: true}. */
    void field(int indent, String key, boolean value) {
        keyPart(indent, key).append(' ').append(value).append('\n');
    }

    /** {@code key: 10.96.0.1}. */
    void field(int indent, String key, IpAddress ip) {
        appendIp(keyPart(indent, key).append(' '), ip);
        sb.append('\n');
    }

    /** {@code key: 10.244.0.0/24}. */
    void field(int indent, String key, Cidr cidr) {
        appendCidr(keyPart(indent, key).append(' '), cidr);
        sb.append('\n');
    }

    /** {@code key: []}. */
    void emptyList(int indent, String key) {
        keyPart(indent, key).append(" []\n");
    }

    /** Opens a sequence entry; the next field goes on the dash's line. */
    void item(int indent) {
        indent(indent);
        sb.append("- ");
        onDashLine = true;
    }

    /** {@code - value}, a string entry. */
    void item(int indent, String value) {
        item(indent);
        onDashLine = false;
        YamlScalars.append(sb, value);
        sb.append('\n');
    }

    /** {@code - {}}, an entry with no fields. */
    void emptyMapItem(int indent) {
        item(indent);
        onDashLine = false;
        sb.append("{}\n");
    }

    /** {@code - 10.96.0.1}. */
    void item(int indent, IpAddress ip) {
        item(indent);
        onDashLine = false;
        appendIp(sb, ip);
        sb.append('\n');
    }

    /** {@code - 10.244.0.0/24}. */
    void item(int indent, Cidr cidr) {
        item(indent);
        onDashLine = false;
        appendCidr(sb, cidr);
        sb.append('\n');
    }

    /** Drains the buffer and flushes the writer. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    private StringBuilder keyPart(int indent, String key) {
        indent(indent);
        YamlScalars.append(sb, key);
        return sb.append(':');
    }

    private void indent(int n) {
        if (onDashLine) {
            onDashLine = false;
            return;
        }
        for (int left = n; left > 0; left -= SPACES.length) {
            sb.append(SPACES, 0, Math.min(left, SPACES.length));
        }
    }

    private static void appendIp(StringBuilder sb, IpAddress ip) {
        if (ip.isV4()) {
            int v = ip.v4();
            sb.append(v >>> 24).append('.').append(v >>> 16 & 0xFF).append('.').append(v >>> 8 & 0xFF).append('.')
                    .append(v & 0xFF);
        } else {
            YamlScalars.appendQuoted(sb, ip.toString());
        }
    }

    private static void appendCidr(StringBuilder sb, Cidr cidr) {
        if (cidr.family().bits() == 32) {
            appendIp(sb, cidr.base());
            sb.append('/').append(cidr.prefix());
        } else {
            YamlScalars.appendQuoted(sb, cidr.toString());
        }
    }

    private void drain() throws IOException {
        for (int from = 0, n = sb.length(); from < n; from += chunk.length) {
            int to = Math.min(n, from + chunk.length);
            sb.getChars(from, to, chunk, 0);
            out.write(chunk, 0, to - from);
        }
        sb.setLength(0);
    }
}
