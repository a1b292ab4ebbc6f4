package io.kpbench.cluster.manifest;

import static io.kpbench.cluster.manifest.ManifestFixtures.GOOD;
import static io.kpbench.cluster.manifest.ManifestFixtures.load;
import static io.kpbench.cluster.manifest.ManifestFixtures.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpbench.common.UserError;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ClusterSummary;
import io.kpbench.cluster.EndpointSlice;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.TargetPort;
import io.kpbench.net.Protocol;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input forms the loader accepts (YAML, JSON, lists, stdin) and the rules across objects and files. */
class ManifestLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void kubectlJsonListIsLoadedAndItsPodIsSkippedAndCounted() {
        LoadResult r = load(GOOD + "list.json");
        assertKubectlList(r);
        assertEquals("zone-a", r.snapshot().node("node-1").zone());
    }

    @Test
    void kubectlYamlListIsLoadedAndItsPodIsSkippedAndCounted() {
        assertKubectlList(load(GOOD + "list.yaml"));
    }

    private static void assertKubectlList(LoadResult r) {
        ClusterSnapshot c = r.snapshot();
        assertEquals(List.of(ObjectRef.of("default", "web")), List.copyOf(c.services().keySet()));
        assertEquals(List.of(port("http", Protocol.TCP, 80, TargetPort.of(8080), 0)),
                c.service(ObjectRef.of("default", "web")).ports());
        assertEquals(1, c.slicesOf(ObjectRef.of("default", "web")).size());
        assertEquals(List.of("node-1"), List.copyOf(c.nodes().keySet()));
        assertEquals(Map.of("Pod", 1), r.skippedByKind());
    }

    @Test
    void aDashReadsStdin() throws IOException {
        byte[] yaml = Files.readAllBytes(Path.of(GOOD + "list.yaml"));
        LoadResult r = ManifestLoader.load(List.of("-"), new ByteArrayInputStream(yaml), LoadOptions.defaults());
        assertKubectlList(r);
    }

    @Test
    void jsonIsToldByContentWhateverTheFileIsCalled() throws IOException {
        Path f = tmp.resolve("really-json.yaml");
        Files.copy(Path.of(GOOD + "list.json"), f);
        assertKubectlList(load(f.toString()));
    }

    @Test
    void emptyDocumentsBesideObjectsAreSkipped() throws IOException {
        Path f = Files.writeString(tmp.resolve("gaps.yaml"), "# web\n---\n---\napiVersion: v1\nkind: Service\n"
                + "metadata: {name: web}\nspec: {clusterIP: 10.96.0.5, ports: [{port: 80}]}\n---\n...\n");
        assertEquals(1, load(f.toString()).snapshot().services().size());
    }

    @Test
    void anEmptyStdinIsAnErrorThatSuspectsTheCommandBeforeThePipe() {
        UserError e = assertThrows(UserError.class, () -> ManifestLoader.load(List.of("-"),
                new ByteArrayInputStream(new byte[0]), LoadOptions.defaults()));
        assertEquals("-: no Kubernetes objects on stdin (it is empty; did the command before the pipe fail?)",
                e.getMessage());
    }

    @Test
    void everyInputMustHoldAnObjectSoAnEmptyFileBesideAGoodOneIsAnError() throws IOException {
        Path blank = Files.writeString(tmp.resolve("blank.yaml"), "\n  \n");
        UserError e = assertThrows(UserError.class, () -> load(GOOD + "list.yaml", blank.toString()));
        assertEquals(blank + ": no Kubernetes objects in the file (it is empty)", e.getMessage());
    }

    @Test
    void aFileOfOnlyKindsThatAreNotModelledHoldsObjectsAndLoads() throws IOException {
        Path f = Files.writeString(tmp.resolve("pods.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
        LoadResult r = load(f.toString());
        assertEquals(ClusterSnapshot.empty(), r.snapshot());
        assertEquals(Map.of("Pod", 1), r.skippedByKind());
    }

    @Test
    void aSliceWhoseServiceIsMissingIsAWarningNotAnError() throws IOException {
        Path f = Files.writeString(tmp.resolve("orphan.yaml"), """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: gone-1, namespace: shop, labels: {kubernetes.io/service-name: gone}}
                addressType: IPv6
                endpoints: [{addresses: ["fd00::5"]}]
                """);
        LoadResult r = load(f.toString());
        assertEquals(1, r.snapshot().slices().size());
        assertEquals(List.of(f + ": EndpointSlice shop/gone-1: metadata.labels: kubernetes.io/service-name names"
                + " Service shop/gone, which is not in the manifests"), r.warnings());
    }

    @Test
    void aServiceWithoutAClusterIPIsCountedApartAndNamedInAWarning() {
        LoadResult r = load(GOOD + "service-without-cluster-ip.yaml");
        assertEquals(List.of(GOOD + "service-without-cluster-ip.yaml: Service default/web: spec.clusterIP: not set;"
                + " kube-proxy skips a Service without a cluster IP (the API server would allocate one when the Service"
                + " is created)"), r.warnings());
        Map<String, Integer> byType = ClusterSummary.of(r.snapshot()).servicesByType();
        assertEquals(1, byType.get("withoutClusterIP"));
        assertEquals(1, byType.get("headless"));
        assertEquals(2, byType.get("ClusterIP"));
        assertFalse(r.snapshot().service(ObjectRef.of("default", "web")).proxied());
    }

    @Test
    void aNullSelectorOrLabelValueReadsAsTheEmptyStringAsGoReadsIt() throws IOException {
        Path f = Files.writeString(tmp.resolve("nulls.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {clusterIP: 10.96.0.5, selector: {app: null}, ports: [{port: 80}]}
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: n1, labels: {topology.kubernetes.io/zone: null}}
                """);
        ClusterSnapshot c = load(f.toString()).snapshot();
        assertEquals(Map.of("app", ""), c.service(ObjectRef.of("default", "web")).selector());
        assertEquals("", c.node("n1").zone());
    }

    @Test
    void objectsAreOrderedByNamespaceAndNameWhateverTheInputOrder() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String name : new String[] {"zeta", "alpha", "mid"}) {
            for (String ns : new String[] {"b", "a"}) {
                sb.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: ").append(name)
                        .append(", namespace: ").append(ns).append("}\nspec: {ports: [{port: 80}]}\n");
            }
        }
        Path f = Files.writeString(tmp.resolve("order.yaml"), sb);
        assertEquals("[a/alpha, a/mid, a/zeta, b/alpha, b/mid, b/zeta]",
                load(f.toString()).snapshot().services().keySet().toString());
    }

    @Test
    void theSameObjectInTwoFilesIsAnErrorNamingBoth() {
        UserError e = assertThrows(UserError.class, () -> load(GOOD + "list.yaml", GOOD + "list.json"));
        assertEquals(GOOD + "list.json: Service default/web: is defined twice (first in " + GOOD
                + "list.yaml, document 1; again in document 1)", e.getMessage());
    }

    @Test
    void serviceKindsOfOtherApiGroupsAreSkippedNotModelled() throws IOException {
        Path f = Files.writeString(tmp.resolve("knative.yaml"), """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: hello}
                spec: {template: {spec: {containers: [{image: hello}]}}}
                """);
        LoadResult r = load(f.toString());
        assertEquals(0, r.snapshot().services().size());
        assertEquals(Map.of("Service (serving.knative.dev/v1)", 1), r.skippedByKind());
    }
}
