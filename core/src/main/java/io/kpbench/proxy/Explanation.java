package io.kpbench.proxy;

import java.util.List;

/**
 * Everything a NEW packet can do in a proxier, following every probabilistic branch: what {@code kpbench trace}
 * prints.
 *
 * @param verdict DNAT, ACCEPT, DROP, REJECT or NONE
 * @param endpoints every reachable endpoint, {@code ip:port} ({@code [ip]:port} for IPv6), in rule order
 * @param masquerade whether any explored branch marks the packet for masquerade
 * @param path the chains, maps and rules visited, one line each (e.g. {@code nat KUBE-SERVICES rule 12: ...})
 * @param rulesEvaluated rules (or map lookups) evaluated along the explored branches
 */
public record Explanation(Verdict verdict, List<String> endpoints, boolean masquerade, List<String> path,
        int rulesEvaluated) {
    /** Copies the lists. */
    public Explanation {
        endpoints = List.copyOf(endpoints);
        path = List.copyOf(path);
    }
}
