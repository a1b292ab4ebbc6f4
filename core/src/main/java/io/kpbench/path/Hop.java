package io.kpbench.path;

/**
 * One hop of a {@link Walk}, as text for the CLI and JSON.
 *
 * @param kind what happened
 * @param at where: {@code client}, {@code pod/ns/name}, a node name, or {@code lb <hostname>}
 * @param packet the packet's tuple after the hop, {@code TCP 1.2.3.4:5 -> 6.7.8.9:10}
 * @param note what the hop did, in words
 */
public record Hop(HopKind kind, String at, String packet, String note) {
}
