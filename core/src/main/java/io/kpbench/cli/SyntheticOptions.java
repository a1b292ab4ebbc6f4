package io.kpbench.cli;

import io.kpbench.cluster.synthetic.SyntheticSpec;
import io.kpbench.common.UserError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The {@code --synthetic SPEC} option: a seeded synthetic cluster written {@code key=value,...} over the defaults
 * of {@link SyntheticSpec}; every key, its default and its meaning are listed in the help of each command that
 * takes it.
 */
public final class SyntheticOptions {
    /**
     * The default cluster in its short form, as the help and the no-{@code -f} notice print it; it parses to
     * {@link SyntheticSpec#defaults()}.
     */
    static final String DEFAULT_SUMMARY = "services=100,endpoints=3,nodes=3,seed=1";

    /** What each key of a spec means, in the order {@link SyntheticSpec#toString()} writes the keys. */
    private static final Map<String, String> MEANINGS = meanings();
    /** The column at which the meanings start. */
    private static final int KEY_COLUMN = 26;

    @Option(names = "--synthetic", paramLabel = "SPEC",
            description = "A seeded synthetic cluster: key=value,... over the defaults (keys listed below), e.g. "
                    + "services=1000,endpoints=10,nodes=20,seed=7 (default: " + DEFAULT_SUMMARY + ").")
    String text;

    /** True when {@code --synthetic} was given. */
    boolean given() {
        return text != null;
    }

    /** The spec given, or the defaults; a bad spec is a one-line error naming the key. */
    SyntheticSpec spec() {
        try {
            return text == null ? SyntheticSpec.defaults() : SyntheticSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("--synthetic: " + e.getMessage());
        }
    }

    /**
     * The help section of the keys: one line per key with its default and meaning, from the defaults themselves,
     * so that the help cannot drift from {@link SyntheticSpec}.
     */
    static String keysSection() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(nl).append("--synthetic keys (key=default  meaning; shares are 0..1):")
                .append(nl);
        for (String kv : SyntheticSpec.defaults().toString().split(",")) {
            String meaning = MEANINGS.getOrDefault(kv.substring(0, kv.indexOf('=')), "");
            sb.append("  ").append(kv);
            if (kv.length() > KEY_COLUMN - 3) {
                sb.append(nl).append(" ".repeat(KEY_COLUMN));
            } else {
                sb.append(" ".repeat(KEY_COLUMN - 2 - kv.length()));
            }
            sb.append(meaning).append(nl);
        }
        return sb.toString();
    }

    /** The keys whose meaning the help gives. */
    static Set<String> describedKeys() {
        return MEANINGS.keySet();
    }

    private static Map<String, String> meanings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("services", "Services");
        m.put("endpoints", "endpoints per Service: N, uniform:A-B or zipf:A-B:EXP");
        m.put("nodes", "Nodes, named node-0001 ...");
        m.put("zones", "zones, given to Nodes round robin (0: no zone label)");
        m.put("namespaces", "namespaces the Services spread over");
        m.put("types", "type mix: ClusterIP:70+NodePort:20+LoadBalancer:10");
        m.put("ports", "ports per Service, 1..100");
        m.put("local", "NodePort/LB share with externalTrafficPolicy=Local");
        m.put("affinity", "share of Services with ClientIP session affinity");
        m.put("terminating", "share of endpoints that are terminating");
        m.put("hints", "share of Services whose endpoints carry zone hints");
        m.put("udp", "share of Service ports that are UDP");
        m.put("seed", "the random seed");
        m.put("serviceCidr", "kube-apiserver's --service-cluster-ip-range");
        m.put("podCidr", "the pod CIDR (widened when the pods do not fit)");
        m.put("nodeCidr", "the node network; Node IPs from .2");
        m.put("lbCidr", "LB pool; auto: 203.0.113.0/24 (100.64.0.0/10 past 254)");
        m.put("nodePortRange", "kube-apiserver's --service-node-port-range");
        return m;
    }
}
