package io.kpbench.proxy;

/**
 * What one sync wrote into the data plane: the size of the ruleset or transaction a real kube-proxy would hand
 * to the kernel.
 *
 * @param full true for a full sync, false for an incremental one
 * @param lines lines of restore/transaction text written
 * @param rules rules written
 * @param chains chains written (created, flushed or deleted)
 * @param mapElements set/map elements (or virtual/real servers, or BPF map entries) written
 */
public record SyncStats(boolean full, int lines, int rules, int chains, int mapElements) {
}
