package io.kpbench.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kpbench.cli.Main;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.manifest.LoadOptions;
import io.kpbench.cluster.manifest.ManifestLoader;
import io.kpbench.net.IpAddress;
import io.kpbench.path.JourneyResult.Outcome;
import io.kpbench.proxy.ProxyMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pods are named as the cluster names them: after the EndpointSlice endpoint's {@code targetRef} when it names a
 * Pod, and after the endpoint's hostname or IP only when there is none.
 */
class PodNamesTest {
    private static final String EKS = "../scenarios/kubectl-get-eks.yaml";
    private static final ObjectRef COREDNS = ObjectRef.of("kube-system", "coredns-668d6bf9bc-4xk7n");

    private static ClusterNetwork network(ClusterSnapshot c) {
        return new ClusterNetwork(c, ProxyMode.IPTABLES::create, 1024);
    }

    private static ClusterSnapshot eks() {
        return ManifestLoader.load(List.of(EKS), InputStream.nullInputStream(), LoadOptions.defaults()).snapshot();
    }

    @Test
    void anEndpointWithAPodTargetRefIsThePodOfThatName() {
        ClusterNetwork n = network(eks());
        Pod p = n.pod(COREDNS);
        assertNotNull(p, n.pods().toString());
        assertEquals(IpAddress.parse("192.168.14.87"), p.ip());
        assertNull(n.pod(ObjectRef.of("kube-system", "pod-192-168-14-87")), "no derived name beside the real one");
    }

    @Test
    void aTargetRefWinsOverTheEndpointsHostname() {
        ClusterNetwork n = network(eks());
        assertEquals(IpAddress.parse("192.168.19.66"), n.pod(ObjectRef.of("shop", "cart-redis-0")).ip());
    }

    @Test
    void anEndpointWithoutATargetRefKeepsTheNameDerivedFromItsAddress() {
        ClusterNetwork n = network(new SeedCluster().build());
        assertEquals(SeedCluster.POD_A, n.pod(ObjectRef.of("default", "pod-10-244-1-5")).ip());
    }

    @Test
    void theTwoFamiliesOfADualStackPodJoinUnderItsTargetRefName(@TempDir Path tmp) throws IOException {
        Path f = Files.writeString(tmp.resolve("dual.yaml"), """
                apiVersion: v1
                kind: Node
                metadata: {name: n1}
                spec: {podCIDRs: [10.244.1.0/24, "fd00:10:244:1::/64"]}
                status: {addresses: [{type: InternalIP, address: 192.168.1.10}, {type: InternalIP, address: "fd00::10"}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-v4, namespace: shop, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                endpoints: [{addresses: [10.244.1.5], nodeName: n1, targetRef: {kind: Pod, name: web-0, namespace: shop}}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-v6, namespace: shop, labels: {kubernetes.io/service-name: web}}
                addressType: IPv6
                endpoints: [{addresses: ["fd00:10:244:1::5"], nodeName: n1, targetRef: {kind: Pod, name: web-0}}]
                """);
        ClusterSnapshot c = ManifestLoader.load(List.of(f.toString()), InputStream.nullInputStream(),
                LoadOptions.defaults()).snapshot();
        Pod p = network(c).pod(ObjectRef.of("shop", "web-0"));
        assertEquals(IpAddress.parse("10.244.1.5"), p.ip());
        assertEquals(IpAddress.parse("fd00:10:244:1::5"), p.ip6());
    }

    @Test
    void walkFromARealPodNameReplies() {
        Walk w = new ClusterPath(eks(), ProxyMode.NFTABLES::create, "nftables", true, false, 1024)
                .walk("pod/kube-system/coredns-668d6bf9bc-4xk7n", "10.100.62.181:443", 1, 1);
        assertEquals(Outcome.REPLIED, w.packets().get(0).outcome(), w.packets().get(0).toString());
    }

    @Test
    void theCliWalksFromAPodNamedAsKubectlGetPodsShowsIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"walk", "-f", EKS, "--mode", "ipvs", "--from",
            "pod/kube-system/coredns-668d6bf9bc-4xk7n", "--to", "http://metrics-server.kube-system:443/"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, code);
    }
}
