package io.kpbench.cli;

import picocli.CommandLine.Mixin;

/**
 * The options of one proxy mode's proxiers on one node of a cluster ({@code -f}/{@code --synthetic}, {@code --mode}
 * and its settings, {@code --node} and kube-proxy's node flags): shared by {@code trace} and {@code render}.
 */
final class ProxierOptions {
    @Mixin
    ClusterOptions cluster;

    @Mixin
    ModeOptions mode;

    @Mixin
    NodeOptions node;
}
