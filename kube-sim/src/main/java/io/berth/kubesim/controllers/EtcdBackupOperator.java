package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The etcd backup operator (coreos/etcd-operator v0.9.4, {@code etcdbackups.etcd.database.coreos.com/v1beta2}),
 * for one-shot backups to S3: an EtcdBackup whose {@code spec.backupPolicy.backupIntervalInSecond} is 0 or
 * absent is taken once, like the real operator (one whose status has {@code succeeded} or {@code Reason} is
 * left alone). The snapshot is what the EtcdCluster named by {@code spec.etcdEndpoints}
 * ({@code http://<cluster>-client:2379}) holds ({@link EtcdData}), written as JSON to the object
 * {@code spec.s3.path} ({@code <bucket>/<key>}, split at the first {@code /}) at {@code spec.s3.endpoint},
 * with the credentials of the Secret {@code spec.s3.awsSecret} in the backup's namespace (files
 * {@code credentials} and {@code config}, profile {@code default}), path-style when
 * {@code spec.s3.forcePathStyle}. The status is the real one's, written with the whole object:
 * {@code succeeded}, {@code etcdRevision}, {@code etcdVersion}, {@code lastSuccessDate}, or on failure
 * {@code succeeded: false} and the reason in {@code Reason} (capital R, as the operator's JSON has it).
 * <p>
 * It acts only while its CRD exists and, when {@code etcdOperatorNeedsDeployment} is set, while a
 * Deployment {@code etcd-backup-operator} in the backup's namespace has a ready replica.
 * Periodic backups are not simulated yet: such a backup is left untouched.
 */
public final class EtcdBackupOperator implements Controller {

    public static final String CRD_NAME = "etcdbackups.etcd.database.coreos.com";
    public static final ResourceDefinitionContext ETCD_BACKUPS = new ResourceDefinitionContext.Builder()
            .withGroup("etcd.database.coreos.com").withVersion("v1beta2").withPlural("etcdbackups")
            .withKind("EtcdBackup").withNamespaced(true).build();
    public static final String OPERATOR_DEPLOYMENT = "etcd-backup-operator";
    private static final String DEFAULT_REGION = "us-east-1";

    private final SimContext context;

    public EtcdBackupOperator(SimContext context) {
        this.context = context;
    }

    @Override
    public String resource() {
        return "etcdbackups";
    }

    @Override
    public void reconcile(ObjectKey key) {
        KubernetesClient client = context.client();
        if (client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get() == null) {
            return;
        }
        GenericKubernetesResource backup = client.genericKubernetesResources(ETCD_BACKUPS).inNamespace(key.namespace())
                .withName(key.name()).get();
        if (backup == null || !operatorRunning(key.namespace()) || handled(backup) || periodic(backup)) {
            return;
        }
        Map<String, Object> status = new LinkedHashMap<>();
        try {
            EtcdData.Snapshot saved = save(key.namespace(), map(backup.getAdditionalProperties().get("spec")));
            status.put("succeeded", true);
            status.put("etcdVersion", etcdVersion(key.namespace(), map(backup.getAdditionalProperties().get("spec"))));
            status.put("etcdRevision", saved.revision());
            status.put("lastSuccessDate", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        } catch (BackupFailed failed) {
            status.put("succeeded", false);
            status.put("Reason", failed.getMessage());
        }
        backup.getAdditionalProperties().put("status", status);
        client.genericKubernetesResources(ETCD_BACKUPS).inNamespace(key.namespace()).resource(backup).update();
    }

    /** A one-shot backup is taken once: whatever its outcome, a status says it was. */
    private static boolean handled(GenericKubernetesResource backup) {
        Map<String, Object> status = map(backup.getAdditionalProperties().get("status"));
        return Boolean.TRUE.equals(status.get("succeeded")) || status.get("Reason") != null;
    }

    private static boolean periodic(GenericKubernetesResource backup) {
        Object interval = map(map(backup.getAdditionalProperties().get("spec")).get("backupPolicy")).get("backupIntervalInSecond");
        return interval instanceof Number n && n.longValue() != 0;
    }

    private EtcdData.Snapshot save(String namespace, Map<String, Object> spec) throws BackupFailed {
        if (!"S3".equals(spec.get("storageType"))) {
            throw new BackupFailed("unknown StorageType: " + spec.get("storageType"));
        }
        String cluster = clusterOf(spec.get("etcdEndpoints"));
        if (context.client().genericKubernetesResources(EtcdOperator.ETCD_CLUSTERS).inNamespace(namespace)
                .withName(cluster).get() == null) {
            throw new BackupFailed("failed to save snapshot (create etcd client failed: no etcd cluster answers at "
                    + cluster + "-client)");
        }
        Map<String, Object> s3 = map(spec.get("s3"));
        String path = String.valueOf(s3.get("path"));
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new BackupFailed("Invalid S3 path (" + path + ")");
        }
        EtcdData.Snapshot snapshot = context.etcdData().snapshot(namespace, cluster);
        byte[] body = context.client().getKubernetesSerialization()
                .asJson(Map.of("revision", snapshot.revision(), "keys", snapshot.keys())).getBytes(StandardCharsets.UTF_8);
        try (S3Client client = s3Client(namespace, s3)) {
            client.putObject(b -> b.bucket(path.substring(0, slash)).key(path.substring(slash + 1)), RequestBody.fromBytes(body));
        } catch (SdkException writeFailed) {
            throw new BackupFailed("failed to save snapshot (failed to write snapshot (" + writeFailed.getMessage() + "))");
        }
        return snapshot;
    }

    /** The real operator's S3 client: the Secret's files as AWS shared config, the spec's endpoint and path style. */
    private S3Client s3Client(String namespace, Map<String, Object> s3) throws BackupFailed {
        String secretName = String.valueOf(s3.get("awsSecret"));
        Secret secret = context.client().secrets().inNamespace(namespace).withName(secretName).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey("credentials")) {
            throw new BackupFailed("new S3 client failed: failed to setup aws config: (setup AWS config failed: get k8s"
                    + " secret failed: secrets \"" + secretName + "\" not found or holds no credentials)");
        }
        ProfileFile credentials = profile(secret.getData().get("credentials"), ProfileFile.Type.CREDENTIALS);
        String region = secret.getData().containsKey("config")
                ? profile(secret.getData().get("config"), ProfileFile.Type.CONFIGURATION).profile("default")
                        .flatMap(p -> p.property("region")).orElse(DEFAULT_REGION)
                : DEFAULT_REGION;
        Object endpoint = s3.get("endpoint");
        if (endpoint == null || endpoint.toString().isBlank()) {
            throw new BackupFailed("failed to save snapshot (failed to write snapshot (no S3 endpoint: the simulation"
                    + " reaches no AWS region))");
        }
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint.toString()))
                .forcePathStyle(Boolean.TRUE.equals(s3.get("forcePathStyle")))
                .region(Region.of(region))
                .credentialsProvider(ProfileCredentialsProvider.builder().profileFile(credentials).profileName("default").build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static ProfileFile profile(String base64, ProfileFile.Type type) {
        return ProfileFile.builder().content(new ByteArrayInputStream(Base64.getDecoder().decode(base64))).type(type).build();
    }

    /** {@code http://example-etcd-cluster-client:2379} names the EtcdCluster {@code example-etcd-cluster}. */
    private static String clusterOf(Object endpoints) throws BackupFailed {
        if (!(endpoints instanceof List<?> list) || list.isEmpty()) {
            throw new BackupFailed("spec.etcdEndpoints should not be empty");
        }
        String host = URI.create(String.valueOf(list.get(0))).getHost();
        if (host == null || !host.endsWith("-client")) {
            throw new BackupFailed("failed to save snapshot (create etcd client failed: " + list.get(0)
                    + " is no etcd cluster's client service)");
        }
        return host.substring(0, host.length() - "-client".length());
    }

    private String etcdVersion(String namespace, Map<String, Object> spec) {
        try {
            GenericKubernetesResource cluster = context.client().genericKubernetesResources(EtcdOperator.ETCD_CLUSTERS)
                    .inNamespace(namespace).withName(clusterOf(spec.get("etcdEndpoints"))).get();
            Object version = cluster == null ? null : map(cluster.getAdditionalProperties().get("spec")).get("version");
            return version == null ? EtcdOperator.DEFAULT_VERSION : version.toString();
        } catch (BackupFailed unreachable) {
            return EtcdOperator.DEFAULT_VERSION;
        }
    }

    private boolean operatorRunning(String namespace) {
        if (!context.settings().etcdOperatorNeedsDeployment()) {
            return true;
        }
        Deployment operator = context.client().apps().deployments().inNamespace(namespace).withName(OPERATOR_DEPLOYMENT).get();
        return operator != null && DeploymentController.operatorReady(operator.getStatus());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Why a backup failed, in the real operator's words as far as they apply. */
    private static final class BackupFailed extends Exception {
        BackupFailed(String message) {
            super(message, null, false, false);
        }
    }
}
