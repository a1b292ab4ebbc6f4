package io.kpbench.proxy.iptables.netfilter;

import io.kpbench.proxy.ServicePortEndpoints;
import java.util.ArrayList;
import java.util.List;

/**
 * What one service port's own nat chains (KUBE-SVC/SVL/EXT/FW/SEP) were written from: the proxier settings,
 * kube-proxy's large-cluster switch, the port and its endpoints. A sync compiles those chains straight into a
 * {@link RuleSegment}; their iptables-save text is regenerated from here only when it is asked for
 * ({@code render()}, {@code explain()}), by running the same {@link ServicePortWriter} in text mode.
 *
 * @param cfg the proxier settings
 * @param largeClusterMode kube-proxy's {@code largeClusterMode} at the time of writing
 * @param port the service port with its endpoints, as {@link ServicePortEndpoints} derives them
 */
public record ServicePortSource(ProxierSettings cfg, boolean largeClusterMode, ServicePortEndpoints port) {

    /** Every {@code -A} line the port writes into its own nat chains, in order. */
    public List<String> text() {
        RestoreBuffers out = RestoreBuffers.forText();
        new ServicePortWriter(cfg, largeClusterMode).write(port, out, true);
        List<String> lines = new ArrayList<>();
        for (String l : out.natRules.text().split("\n")) {
            if (!l.startsWith("-A KUBE-SERVICES ") && !l.startsWith("-A KUBE-NODEPORTS ") && !l.isEmpty()) {
                lines.add(l);
            }
        }
        return lines;
    }

    /** The lines of {@code chain} among {@code text}. */
    public static List<String> linesOf(List<String> text, String chain) {
        String prefix = "-A " + chain + " ";
        List<String> out = new ArrayList<>();
        for (String l : text) {
            if (l.startsWith(prefix)) {
                out.add(l);
            }
        }
        return out;
    }
}
