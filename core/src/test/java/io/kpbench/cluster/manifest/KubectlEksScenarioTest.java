package io.kpbench.cluster.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kpbench.cli.Main;
import io.kpbench.cluster.ClusterSnapshot;
import io.kpbench.cluster.ClusterSummary;
import io.kpbench.cluster.Endpoint;
import io.kpbench.cluster.IpMode;
import io.kpbench.cluster.LoadBalancerIngress;
import io.kpbench.cluster.ObjectRef;
import io.kpbench.cluster.Service;
import io.kpbench.cluster.TargetRef;
import io.kpbench.cluster.TrafficPolicy;
import io.kpbench.net.IpAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scenarios/kubectl-get-eks.yaml}, a {@code kubectl get svc,endpointslices,nodes -A -o yaml} List of an EKS
 * cluster with every field a real one carries, loads as YAML, as its JSON form, as separate documents and from
 * stdin, always to the same cluster.
 */
class KubectlEksScenarioTest {
    static final Path EKS = Path.of("../scenarios/kubectl-get-eks.yaml");

    @TempDir
    Path tmp;

    private static LoadResult load(String file) {
        return ManifestLoader.load(List.of(file), InputStream.nullInputStream(), LoadOptions.defaults());
    }

    /** The scenario as kubectl's JSON prints it: the same tree, {@code items} before {@code kind}. */
    static String asJson() throws IOException {
        JsonNode tree = new YAMLMapper().readTree(EKS.toFile());
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    }

    @Test
    void theYamlListLoadsWithTheServicesEndpointsAndNodesItHolds() {
        LoadResult r = load(EKS.toString());
        ClusterSummary s = ClusterSummary.of(r.snapshot());
        Map<String, Integer> types = new LinkedHashMap<>(s.servicesByType());
        assertEquals(6, types.remove("ClusterIP"));
        assertEquals(1, types.remove("NodePort"));
        assertEquals(3, types.remove("LoadBalancer"));
        assertEquals(1, types.remove("ExternalName"));
        assertEquals(1, types.remove("headless"));
        assertTrue(types.values().stream().allMatch(n -> n == 0), types.toString());
        assertEquals(Map.of("TCP", 12, "UDP", 1), s.portsByProtocol());
        assertEquals(5, s.nodePorts());
        assertEquals(Map.of("IPv4", 10), s.slicesByFamily());
        assertEquals(Map.of("total", 20, "ready", 18, "serving", 19, "terminating", 1, "servingTerminating", 1,
                "notReady", 2), s.endpointsByCondition());
        assertEquals(Map.of("us-east-1a", 1, "us-east-1b", 1, "us-east-1c", 1), s.nodesByZone());
        assertEquals(Map.of(), r.skippedByKind());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void theFieldsKubeProxyReadsAreKeptFromTheRealObjects() {
        ClusterSnapshot c = load(EKS.toString()).snapshot();
        Service ingress = c.service(ObjectRef.of("ingress-nginx", "ingress-nginx-controller"));
        assertEquals(List.of(new LoadBalancerIngress(null,
                "a3f1c9e2b7d84e0f9a6b2c5d8e1f4a7b-1874523690.us-east-1.elb.amazonaws.com", null)), ingress.ingress());
        Service orders = c.service(ObjectRef.of("shop", "orders-internal"));
        assertEquals(List.of(new LoadBalancerIngress(IpAddress.parse("192.168.250.10"), null, IpMode.VIP)),
                orders.ingress());
        Service storefront = c.service(ObjectRef.of("shop", "storefront"));
        assertEquals(TrafficPolicy.Local, storefront.externalTrafficPolicy());
        assertEquals(32107, storefront.healthCheckNodePort());
        assertEquals(TrafficPolicy.Local,
                c.service(ObjectRef.of("shop", "session-cache")).internalTrafficPolicy());
        Endpoint dns = c.slicesOf(ObjectRef.of("kube-system", "kube-dns")).get(0).endpoints().get(0);
        assertEquals("ip-192-168-12-34.ec2.internal", dns.nodeName());
        assertEquals("us-east-1a", dns.zone());
        assertEquals(new TargetRef("Pod", "kube-system", "coredns-668d6bf9bc-4xk7n"), dns.targetRef());
        Endpoint front = c.slicesOf(ObjectRef.of("shop", "storefront")).get(0).endpoints().get(0);
        assertEquals(List.of("us-east-1a"), front.zoneHints());
        assertEquals(IpAddress.parse("54.210.33.17"),
                c.node("ip-192-168-12-34.ec2.internal").addresses().get(1).ip());
    }

    @Test
    void itsJsonFormLoadsToTheSameCluster() throws IOException {
        Path json = Files.writeString(tmp.resolve("eks.json"), asJson());
        LoadResult fromYaml = load(EKS.toString());
        LoadResult fromJson = load(json.toString());
        assertEquals(fromYaml.snapshot(), fromJson.snapshot());
        assertEquals(List.copyOf(fromYaml.snapshot().slices().values()),
                List.copyOf(fromJson.snapshot().slices().values()));
        assertEquals(ClusterSummary.of(fromYaml.snapshot()), ClusterSummary.of(fromJson.snapshot()));
    }

    @Test
    void writtenBackByTheGeneratorItLoadsToTheSameCluster() throws IOException {
        ClusterSnapshot c = load(EKS.toString()).snapshot();
        StringWriter yaml = new StringWriter();
        ManifestWriter.write(c, yaml);
        Path written = Files.writeString(tmp.resolve("written.yaml"), yaml.toString());
        ClusterSnapshot back = load(written.toString()).snapshot();
        assertEquals(c, back);
        assertEquals(List.copyOf(c.slices().values()), List.copyOf(back.slices().values()));
    }

    @Test
    void itsItemsAsSeparateYamlDocumentsLoadToTheSameCluster() throws IOException {
        JsonNode tree = new YAMLMapper().readTree(EKS.toFile());
        StringBuilder docs = new StringBuilder();
        YAMLMapper yaml = new YAMLMapper();
        for (JsonNode item : tree.get("items")) {
            docs.append(yaml.writeValueAsString(item));
        }
        Path multi = Files.writeString(tmp.resolve("eks-documents.yaml"), docs);
        assertEquals(load(EKS.toString()).snapshot(), load(multi.toString()).snapshot());
    }

    @Test
    void itLoadsFromStdinInBothSyntaxes() throws IOException {
        ClusterSnapshot fromFile = load(EKS.toString()).snapshot();
        byte[] yaml = Files.readAllBytes(EKS);
        byte[] json = asJson().getBytes(StandardCharsets.UTF_8);
        for (byte[] in : List.of(yaml, json)) {
            LoadResult r = ManifestLoader.load(List.of("-"), new ByteArrayInputStream(in), LoadOptions.defaults());
            assertEquals(fromFile, r.snapshot());
        }
    }

    @Test
    void theReadmesKubectlPipeIntoValidateSucceeds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"validate", "-f", "-"}, new ByteArrayInputStream(Files.readAllBytes(EKS)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("services:   11  "), out.toString());
    }
}
