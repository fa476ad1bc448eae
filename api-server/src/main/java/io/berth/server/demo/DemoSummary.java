package io.berth.server.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** What the demo prints once it is ready: where the API is, the token, the clusters and their kubeconfigs. */
record DemoSummary(String baseUrl, String swaggerPath, String token, Path tokenFile, List<ClusterLine> clusters,
                   String controlUrl, Path controlUrlFile, String objectStoreUrl) {

    /** One simulated cluster as registered. */
    record ClusterLine(DemoClusters.Spec spec, String url, String status, Path kubeconfig) {

        String labels() {
            return spec.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                    .collect(Collectors.joining(","));
        }
    }

    @Override
    public String toString() {
        return "DemoSummary[baseUrl=" + baseUrl + "]";
    }

    String render() {
        StringBuilder text = new StringBuilder("\n")
                .append("Berth demo is ready\n")
                .append("  API          ").append(baseUrl).append("/api/v1\n")
                .append("  Swagger UI   ").append(baseUrl).append(swaggerPath).append('\n')
                .append("  Admin token  ").append(token).append("   (kept in ").append(tokenFile).append(")\n")
                .append("  Clusters\n");
        for (ClusterLine line : clusters) {
            text.append(String.format("    %-6s %-9s %-8s %s   kubeconfig %s%n", line.spec().name(), line.labels(),
                    line.status(), line.url(), line.kubeconfig()));
        }
        return text.append("  Simulator    ").append(controlUrl).append("   (control API: faults, pod deletion; kept in ")
                .append(controlUrlFile).append(")\n")
                .append("  Object store ").append(objectStoreUrl).append("   (S3, bucket ").append(DemoBackupLocation.BUCKET)
                .append(": the backup location ").append(DemoBackupLocation.NAME).append(")\n")
                .append("Try:  export BERTH=").append(baseUrl).append(" TOKEN=$(cat ").append(tokenFile).append(")\n\n")
                .toString();
    }
}
