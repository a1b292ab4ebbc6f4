package io.kpbench.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The upstream source of a limit or size that {@code kpbench plan} shows, printed beside its row: the flag, file,
 * issue or document a reader checks it against. The texts are data, one a constant under its name in
 * {@code citations.properties} beside this class.
 */
enum Citation {
    CONNTRACK_MAX, CONNTRACK_SHORT, CONNTRACK_OPEN, LB_MAP, SERVICE_IDS, NODE_PORTS, MAGLEV, IPTABLES, IPTABLES_BYTES,
    NFTABLES, IPVS, MEMORY;

    private static final Properties TEXTS = load();

    /** The citation as the output prints it. */
    String text() {
        String t = TEXTS.getProperty(name());
        if (t == null) {
            throw new IllegalStateException("citations.properties has no " + name());
        }
        return t;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Citation.class.getResourceAsStream("citations.properties")) {
            if (in == null) {
                throw new IllegalStateException("citations.properties is missing from the build");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
