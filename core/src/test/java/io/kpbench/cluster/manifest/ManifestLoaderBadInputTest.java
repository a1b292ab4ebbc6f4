package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.kpbench.cli.Main;
import io.kpbench.common.UserError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input, one fixture each: the loader's one-line message names the file, the object and the
 * field, and {@code kpbench validate} prints exactly that line on stderr and exits 2, with no stack trace.
 */
class ManifestLoaderBadInputTest {
    static final String DIR = "src/test/resources/manifests/bad/";

    static Stream<Arguments> badInputs() {
        return Stream.of(
                row("duplicate-node-port.yaml", "Service default/api: spec.ports[0].nodePort: node port 30080/TCP is"
                        + " already allocated to Service default/web (spec.ports[0].nodePort in " + DIR
                        + "duplicate-node-port.yaml)"),
                row("duplicate-health-check-node-port.yaml", "Service default/lb: spec.healthCheckNodePort: node port"
                        + " 30100/TCP is already allocated to Service default/web (spec.ports[0].nodePort in " + DIR
                        + "duplicate-health-check-node-port.yaml)"),
                row("duplicate-cluster-ip.yaml", "Service default/b: spec.clusterIP: 10.96.0.50 is already"
                        + " allocated to Service default/a (spec.clusterIP in " + DIR + "duplicate-cluster-ip.yaml)"),
                row("duplicate-cluster-ip-dual-stack.yaml", "Service default/web6: spec.clusterIP: fd00:10:96::60 is"
                        + " already allocated to Service shop/web (spec.clusterIPs[1] in " + DIR
                        + "duplicate-cluster-ip-dual-stack.yaml)"),
                row("node-port-out-of-range.yaml", "Service default/web: spec.ports[0].nodePort: 40000 is outside the"
                        + " node-port range 30000-32767"),
                row("health-check-node-port-out-of-range.yaml", "Service default/lb: spec.healthCheckNodePort: 8080 is"
                        + " outside the node-port range 30000-32767"),
                row("health-check-node-port-without-local-policy.yaml", "Service default/lb: spec.healthCheckNodePort:"
                        + " may only be set when type is LoadBalancer and externalTrafficPolicy is Local"),
                row("node-port-on-cluster-ip.yaml", "Service default/web: spec.ports[0].nodePort: may not be set when"
                        + " type is ClusterIP"),
                row("port-out-of-range.yaml", "Service default/web: spec.ports[0].port: 70000 is outside the valid port"
                        + " range 1-65535"),
                row("target-port-out-of-range.yaml", "Service default/web: spec.ports[0].targetPort: 65536 is outside"
                        + " the valid port range 1-65535"),
                row("endpoint-port-out-of-range.yaml", "EndpointSlice default/web-abc: ports[0].port: 0 is outside the"
                        + " valid port range 1-65535"),
                row("duplicate-port.yaml", "Service default/web: spec.ports[1]: duplicate port 80/TCP (also"
                        + " spec.ports[0])"),
                row("duplicate-port-name.yaml", "Service default/web: spec.ports[1].name: duplicate port name \"http\""
                        + " (also spec.ports[0])"),
                row("unnamed-ports.yaml", "Service default/web: spec.ports[0].name: is required when the service has"
                        + " more than one port"),
                row("bad-cluster-ip.yaml", "Service default/web: spec.clusterIP: \"10.96.0.300\" is not a valid IP"
                        + " address"),
                row("cluster-ip-differs-from-cluster-ips.yaml", "Service default/web: spec.clusterIPs[0]:"
                        + " \"10.96.0.11\" differs from spec.clusterIP \"10.96.0.10\""),
                row("bad-external-ip.yaml", "Service default/web: spec.externalIPs[1]: \"not-an-ip\" is not a valid IP"
                        + " address"),
                row("bad-ingress-ip.yaml", "Service default/web: status.loadBalancer.ingress[0].ip: \"198.51.100.300\""
                        + " is not a valid IP address"),
                row("bad-endpoint-address.yaml", "EndpointSlice default/web-abc: endpoints[1].addresses[0]:"
                        + " \"10.244.1\" is not a valid IP address"),
                row("bad-node-internal-ip.yaml", "Node node-1: status.addresses[1].address: \"node-1.example.com\" is"
                        + " not a valid IP address"),
                row("ipv6-address-in-ipv4-slice.yaml", "EndpointSlice default/web-abc: endpoints[1].addresses[1]:"
                        + " \"fd00:10:244::5\" is IPv6 but the slice's addressType is IPv4"),
                row("unknown-service-type.yaml", "Service default/web: spec.type: unsupported value \"Magic\" (want"
                        + " ClusterIP, NodePort, LoadBalancer or ExternalName)"),
                row("legacy-global-external-traffic-policy.yaml", "Service default/web: spec.externalTrafficPolicy:"
                        + " unsupported value \"Global\" (want Cluster or Local)"),
                row("unknown-internal-traffic-policy.yaml", "Service default/web: spec.internalTrafficPolicy:"
                        + " unsupported value \"Nearest\" (want Cluster or Local)"),
                row("unknown-session-affinity.yaml", "Service default/web: spec.sessionAffinity: unsupported value"
                        + " \"Sticky\" (want None or ClientIP)"),
                row("unknown-ip-mode.yaml", "Service default/web: status.loadBalancer.ingress[0].ipMode: unsupported"
                        + " value \"Tunnel\" (want VIP or Proxy)"),
                row("unknown-protocol.yaml", "Service default/web: spec.ports[0].protocol: unsupported protocol"
                        + " \"ICMP\" (want TCP, UDP or SCTP)"),
                row("unknown-address-type.yaml", "EndpointSlice default/web-abc: addressType: unsupported value"
                        + " \"IPv5\" (want IPv4, IPv6 or FQDN)"),
                row("bad-load-balancer-source-range.yaml", "Service default/web: spec.loadBalancerSourceRanges[1]:"
                        + " '192.168.0.0/33' has a prefix longer than 32"),
                row("session-affinity-timeout-out-of-range.yaml", "Service default/web:"
                        + " spec.sessionAffinityConfig.clientIP.timeoutSeconds: 86401 is outside 1-86400"),
                row("missing-name.yaml", "Service in document 1: metadata.name: is required"),
                row("slice-without-service-name-label.yaml", "EndpointSlice default/web-abc: metadata.labels: the"
                        + " kubernetes.io/service-name label is required"),
                row("duplicate-object.yaml", "Service default/web: is defined twice (first in " + DIR
                        + "duplicate-object.yaml, document 1; again in document 2)"),
                row("port-not-a-number.yaml", "Service in document 1: spec.ports[0].port: expected an integer, found"
                        + " \"abc\" (line 7, column 11)"),
                row("port-too-large-for-an-int.yaml", "Service in document 1: spec.ports[0].port: Numeric value"
                        + " (99999999999) out of range of int (-2147483648 - 2147483647) (line 4, column 34)"),
                row("ports-not-a-list.yaml", "Service in document 1: spec.ports: expected a list, found a mapping"
                        + " (line 4, column 15)"),
                row("null-port-entry.yaml", "Service default/web: spec.ports[0]: expected a mapping, found null"),
                row("null-endpoint.yaml", "EndpointSlice default/e: endpoints[0]: expected a mapping, found null"),
                row("target-port-not-an-integer-or-string.yaml", "Service in document 1: spec.ports[0].targetPort:"
                        + " expected an integer or a string, found 1.5 (line 4, column 39)"),
                row("missing-kind.yaml", "document 1: kind: is required"),
                row("not-an-object.yaml", "document 1: expected a Kubernetes object (a mapping), found a scalar"),
                row("malformed.yaml", "document 2: line 13, column 2: expected <block end>, but found '<block mapping"
                        + " start>' (while parsing a block mapping)"),
                row("malformed.json", "document 1: line 5, column 36: Unexpected character ('}' (code 125)): was"
                        + " expecting double-quote to start field name"),
                row("truncated.yaml", "document 1: line 8, column 1: found unexpected end of stream (while scanning a"
                        + " quoted scalar)"),
                row("tab-indentation.yaml", "document 1: line 6, column 1: found character '\\t(TAB)' that cannot"
                        + " start any token. (Do not use \\t(TAB) for indentation) (while scanning for the next"
                        + " token)"),
                row("truncated.json", "document 1, items[0]: line 1, column 147: Unexpected end-of-input: expected"
                        + " close marker for Object"),
                row("alias-bomb.yaml", "document 1: line 12, column 25: the document has more than 50 YAML aliases"
                        + " (an alias bomb?); refusing it"),
                row("empty.yaml", "no Kubernetes objects in the file (it is empty)"),
                row("comments-only.yaml", "no Kubernetes objects in the file (only comments and empty documents)"),
                row("empty-list.yaml", "no Kubernetes objects in the file (a List with no items, as kubectl prints"
                        + " when nothing matches)"),
                row("empty-list.json", "no Kubernetes objects in the file (a List with no items, as kubectl prints"
                        + " when nothing matches)"),
                row("latin-1.yaml", "not UTF-8 text (YAML or JSON expected): byte 0xE9 at line 4, column 12"),
                row("gzipped.yaml.gz", "not UTF-8 text (YAML or JSON expected): byte 0x8B at line 1, column 2"),
                row("utf-16.yaml", "not UTF-8 text (YAML or JSON expected): it starts with a UTF-16 byte-order"
                        + " mark; convert it to UTF-8"),
                row("nul-bytes.yaml", "not UTF-8 text (YAML or JSON expected): a NUL byte at line 5, column 1"),
                row("hint-without-name.yaml", "EndpointSlice default/web-abc: endpoints[0].hints.forZones[0].name: is"
                        + " required"),
                row("missing.yaml", "cannot read: no such file"),
                row("a-directory.yaml", "cannot read: is a directory"));
    }

    private static Arguments row(String fixture, String message) {
        return Arguments.of(fixture, DIR + fixture + ": " + message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRejectedWithOneLineNamingFileObjectAndField(String fixture, String expected) {
        UserError e = assertThrows(UserError.class,
                () -> ManifestLoader.load(List.of(DIR + fixture), InputStream.nullInputStream(),
                        LoadOptions.defaults()));
        assertEquals(expected, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void validateExitsTwoWithTheSameLineOnStderrAndNoStackTrace(String fixture, String expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"validate", "-f", DIR + fixture}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code);
        assertEquals("kpbench: " + expected + System.lineSeparator(), stderr);
        assertEquals(1, stderr.lines().count());
        assertFalse(stderr.contains("Exception") || stderr.contains("at io."), stderr);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnreadableFileIsOneLineNamingIt(@TempDir Path tmp) throws IOException {
        Path f = Files.writeString(tmp.resolve("secret.yaml"), "apiVersion: v1\n");
        Files.setPosixFilePermissions(f, Set.of());
        assumeFalse(Files.isReadable(f), "every file is readable to root");
        UserError e = assertThrows(UserError.class,
                () -> ManifestLoader.load(List.of(f.toString()), InputStream.nullInputStream(),
                        LoadOptions.defaults()));
        assertEquals(f + ": cannot read: permission denied", e.getMessage());
    }
}
