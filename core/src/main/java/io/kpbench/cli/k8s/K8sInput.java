package io.kpbench.cli.k8s;

import io.kpbench.common.UserError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what the user gives {@code k8s-bench} and {@code k8s-lab} against Kubernetes' own rules (DNS labels,
 * label values, quantities), so that a bad value is one line here rather than a rejected apply later.
 */
public final class K8sInput {
    /** A DNS-1123 label: a namespace, and a node's {@code kubernetes.io/hostname} label value. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** A node's hostname label: DNS-1123 subdomain characters, at most 63 (it is a label value). */
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Pattern WHOLE = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]{0,5}(Mi|Gi)");
    private static final Pattern LABEL_KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    /** The bench profiles {@code -Dbench.profile} takes. */
    public static final List<String> PROFILES = List.of("smoke", "quick", "full");

    private K8sInput() {
    }

    /** The namespace, checked as a DNS label. */
    public static String namespace(String ns) {
        if (ns.length() > 63 || !DNS_LABEL.matcher(ns).matches()) {
            throw new UserError("--namespace: '" + ns + "' is not a namespace name (lowercase letters, digits "
                    + "and '-', at most 63)");
        }
        return ns;
    }

    /** A claim's name: a DNS-1123 subdomain of at most 253 characters. */
    public static String claim(String c) {
        if (c.length() > 253 || !HOST.matcher(c).matches()) {
            throw new UserError("--pvc: '" + c + "' is not a claim name (lowercase letters, digits, '-' and '.')");
        }
        return c;
    }

    /** The profile, one of {@link #PROFILES}. */
    public static String profile(String p) {
        if (!PROFILES.contains(p)) {
            throw new UserError("--profile: unknown profile '" + p + "' (valid: smoke, quick, full)");
        }
        return p;
    }

    /** The shard count, 1 to 1000. */
    public static int shards(int n) {
        if (n < 1 || n > 1000) {
            throw new UserError("--shards: " + n + " is outside 1..1000");
        }
        return n;
    }

    /** Whole cores, so that a Guaranteed pod can have its cores to itself. */
    public static String cpu(String c) {
        if (!WHOLE.matcher(c).matches()) {
            throw new UserError("--cpu: '" + c + "' is not a whole number of cores (e.g. 2): the benchmark needs "
                    + "whole cores");
        }
        return c;
    }

    /** Memory in Mi or Gi. */
    public static String memory(String m) {
        if (!MEMORY.matcher(m).matches()) {
            throw new UserError("--memory: '" + m + "' is not a memory size in Mi or Gi (e.g. 12Gi)");
        }
        return m;
    }

    /** How long a pod holds its results for the copy: 1 minute to 7 days. */
    public static int hold(int seconds) {
        if (seconds < 60 || seconds > 604_800) {
            throw new UserError("--hold: " + seconds + " s is outside 60..604800");
        }
        return seconds;
    }

    /** {@code k=v} pairs, each a valid label key and value. */
    public static Map<String, String> selector(List<String> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            String k = eq < 0 ? p : p.substring(0, eq);
            String v = eq < 0 ? "" : p.substring(eq + 1);
            if (eq < 0 || k.length() > 316 || !LABEL_KEY.matcher(k).matches() || v.length() > 63
                    || !LABEL_VALUE.matcher(v).matches()) {
                throw new UserError("--node-selector: '" + p + "' is not a node label as key=value");
            }
            m.put(k, v);
        }
        return m;
    }

    /** The nodes: each a hostname label value (lowercase, digits, '-' and '.', at most 63), none twice. */
    public static List<String> nodes(List<String> names) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : names) {
            String n = raw.strip();
            if (n.length() > 63 || !HOST.matcher(n).matches()) {
                throw new UserError("--nodes: '" + raw + "' is not a node's kubernetes.io/hostname label "
                        + "(lowercase letters, digits, '-' and '.', at most 63; see kubectl get nodes -L "
                        + "kubernetes.io/hostname)");
            }
            if (!seen.add(n)) {
                throw new UserError("--nodes: '" + n + "' is given twice");
            }
            out.add(n);
        }
        if (out.isEmpty()) {
            throw new UserError("--nodes: give at least one node");
        }
        return out;
    }
}
