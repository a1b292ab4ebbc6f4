package io.kpbench.cluster.manifest;

import io.kpbench.net.Ports;

/**
 * Limits and API settings applied while loading manifests.
 *
 * @param nodePortRange the API server's {@code --service-node-port-range}
 * @param maxDocumentBytes the largest single YAML/JSON document accepted, in bytes (code points for YAML)
 * @param maxAliases the most YAML aliases accepted in one document (refuses alias bombs)
 */
public record LoadOptions(Ports.Range nodePortRange, long maxDocumentBytes, int maxAliases) {
    /** 64 MiB: larger than any single object kubectl writes, small enough to refuse a runaway document. */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 64L << 20;
    /** SnakeYAML's own default for collections. */
    public static final int DEFAULT_MAX_ALIASES = 50;

    /** The defaults: node ports 30000-32767, 64 MiB documents, 50 aliases. */
    public static LoadOptions defaults() {
        return new LoadOptions(Ports.Range.DEFAULT_NODE_PORTS, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_ALIASES);
    }

    /** These options with another node-port range. */
    public LoadOptions withNodePortRange(Ports.Range range) {
        return new LoadOptions(range, maxDocumentBytes, maxAliases);
    }
}
