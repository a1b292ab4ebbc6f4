package io.kpbench.cluster.manifest;

import java.io.IOException;

/**
 * Writes Services with one EndpointSlice each as kubectl would (YAML documents or JSON objects), for the tests that
 * need more than a fixture: chunked parsing, and the manual scale check. Slices are written in kubectl's key order,
 * which puts {@code endpoints} before {@code kind}.
 */
final class ManifestText {
    private ManifestText() {
    }

    /** Appends {@code services} Services and slices of {@code endpoints} endpoints each, over 50 nodes, as YAML. */
    static void yaml(Appendable out, int services, int endpoints) throws IOException {
        for (int i = 0; i < services; i++) {
            String ns = "ns-" + (i % 100);
            out.append("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-").append(String.valueOf(i))
                    .append("\n  namespace: ").append(ns).append("\nspec:\n  type: ClusterIP\n  clusterIP: ")
                    .append(clusterIp(i)).append("\n  clusterIPs:\n  - ").append(clusterIp(i))
                    .append("\n  ipFamilies:\n  - IPv4\n  selector:\n    app: app-").append(String.valueOf(i))
                    .append("\n  ports:\n  - name: http\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n")
                    .append("  - name: metrics\n    port: 9090\n    protocol: TCP\n    targetPort: metrics\n");
            out.append("---\naddressType: IPv4\napiVersion: discovery.k8s.io/v1\nendpoints:\n");
            for (int j = 0; j < endpoints; j++) {
                int k = i * endpoints + j;
                out.append("- addresses:\n  - ").append(podIp(k)).append("\n  conditions:\n    ready: true\n")
                        .append("    serving: true\n    terminating: false\n  nodeName: node-")
                        .append(String.valueOf(k % 50)).append("\n  zone: zone-").append(String.valueOf(k % 3))
                        .append("\n  targetRef:\n    kind: Pod\n    name: app-").append(String.valueOf(i))
                        .append('-').append(String.valueOf(j)).append("\n    namespace: ").append(ns).append('\n');
            }
            out.append("kind: EndpointSlice\nmetadata:\n  labels:\n    kubernetes.io/service-name: svc-")
                    .append(String.valueOf(i)).append("\n  name: svc-").append(String.valueOf(i))
                    .append("-abcde\n  namespace: ").append(ns).append("\nports:\n- name: http\n  port: 8080\n")
                    .append("  protocol: TCP\n- name: metrics\n  port: 9090\n  protocol: TCP\n");
        }
    }

    /** The same objects as {@link #yaml}, as a stream of JSON objects. */
    static void json(Appendable out, int services, int endpoints) throws IOException {
        for (int i = 0; i < services; i++) {
            String ns = "ns-" + (i % 100);
            out.append("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"svc-")
                    .append(String.valueOf(i)).append("\",\"namespace\":\"").append(ns)
                    .append("\"},\"spec\":{\"type\":\"ClusterIP\",\"clusterIP\":\"").append(clusterIp(i))
                    .append("\",\"clusterIPs\":[\"").append(clusterIp(i)).append("\"],\"ipFamilies\":[\"IPv4\"],")
                    .append("\"selector\":{\"app\":\"app-").append(String.valueOf(i)).append("\"},\"ports\":[")
                    .append("{\"name\":\"http\",\"port\":80,\"protocol\":\"TCP\",\"targetPort\":8080},")
                    .append("{\"name\":\"metrics\",\"port\":9090,\"protocol\":\"TCP\",")
                    .append("\"targetPort\":\"metrics\"}]}}\n");
            out.append("{\"apiVersion\":\"discovery.k8s.io/v1\",\"kind\":\"EndpointSlice\",\"metadata\":{\"name\":")
                    .append("\"svc-").append(String.valueOf(i)).append("-abcde\",\"namespace\":\"").append(ns)
                    .append("\",\"labels\":{\"kubernetes.io/service-name\":\"svc-").append(String.valueOf(i))
                    .append("\"}},\"addressType\":\"IPv4\",\"ports\":[{\"name\":\"http\",\"port\":8080},")
                    .append("{\"name\":\"metrics\",\"port\":9090}],\"endpoints\":[");
            for (int j = 0; j < endpoints; j++) {
                int k = i * endpoints + j;
                out.append(j == 0 ? "" : ",").append("{\"addresses\":[\"").append(podIp(k))
                        .append("\"],\"conditions\":{\"ready\":true,\"serving\":true,\"terminating\":false},")
                        .append("\"nodeName\":\"node-").append(String.valueOf(k % 50)).append("\",\"zone\":\"zone-")
                        .append(String.valueOf(k % 3)).append("\",\"targetRef\":{\"kind\":\"Pod\",\"name\":\"app-")
                        .append(String.valueOf(i)).append('-').append(String.valueOf(j)).append("\",\"namespace\":\"")
                        .append(ns).append("\"}}");
            }
            out.append("]}\n");
        }
    }

    private static String clusterIp(int i) {
        return "10." + (96 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255);
    }

    private static String podIp(int k) {
        return "10." + (64 + ((k >> 16) & 63)) + "." + ((k >> 8) & 255) + "." + (k & 255);
    }
}
