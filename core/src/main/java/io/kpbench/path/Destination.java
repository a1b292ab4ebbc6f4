package io.kpbench.path;

import io.kpbench.net.IpAddress;
import io.kpbench.net.Ports;
import io.kpbench.net.Protocol;
import java.util.Locale;

/**
 * Where a walk goes: a URL ({@code http://name:port/path}; {@code https} 443, {@code udp://} for UDP), a
 * {@code host:port}, or an {@code ip:port} ({@code [v6]:port} for IPv6).
 *
 * @param host the DNS name or IP text
 * @param port the destination port
 * @param protocol TCP, or UDP for {@code udp://}
 * @param path the URL path, or empty
 */
public record Destination(String host, int port, Protocol protocol, String path) {
    /** Parses {@code text}; throws {@link IllegalArgumentException} with a one-line reason. */
    public static Destination parse(String text) {
        String s = text.trim();
        Protocol proto = Protocol.TCP;
        int defaultPort = 0;
        String path = "";
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            String sc = s.substring(0, scheme).toLowerCase(Locale.ROOT);
            switch (sc) {
                case "http" -> defaultPort = 80;
                case "https" -> defaultPort = 443;
                case "tcp" -> defaultPort = 0;
                case "udp" -> proto = Protocol.UDP;
                default -> throw new IllegalArgumentException("'" + text + "': unsupported URL scheme '" + sc
                        + "' (http, https, tcp, udp)");
            }
            s = s.substring(scheme + 3);
            int slash = s.indexOf('/');
            if (slash >= 0) {
                path = s.substring(slash);
                s = s.substring(0, slash);
            }
        }
        String host = s;
        int port = defaultPort;
        int colon = s.lastIndexOf(':');
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': unterminated '[' in the address");
            }
            host = s.substring(1, close);
            colon = s.indexOf(':', close);
        } else if (colon >= 0 && s.indexOf(':') != colon) {
            throw new IllegalArgumentException("'" + text + "': write an IPv6 address as [addr]:port");
        }
        if (colon >= 0) {
            if (!s.startsWith("[")) {
                host = s.substring(0, colon);
            }
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': port '" + s.substring(colon + 1)
                        + "' is not a number");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': no host");
        }
        if (!Ports.valid(port)) {
            throw new IllegalArgumentException("'" + text + "': " + (port == 0 ? "no port (give HOST:PORT or a "
                    + "http:// URL)" : "port " + port + " is not in 1-65535"));
        }
        return new Destination(host.toLowerCase(Locale.ROOT), port, proto, path);
    }

    /** The host as an IP, or null when it is a DNS name. */
    public IpAddress ip() {
        return IpAddress.tryParse(host);
    }
}
