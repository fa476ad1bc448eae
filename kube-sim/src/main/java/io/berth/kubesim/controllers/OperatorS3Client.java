package io.berth.kubesim.controllers;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 client the etcd backup and restore operators make for a CR's {@code spec.s3}, as their
 * {@code s3factory.NewClientFromSecret} does: the files {@code credentials} and {@code config} of the
 * Secret {@code awsSecret} in the CR's namespace as AWS shared config (profile {@code default}), the
 * spec's {@code endpoint}, path-style addressing when {@code forcePathStyle}. Objects are named by
 * paths {@code <bucket>/<key>}, split at the first {@code /}.
 */
final class OperatorS3Client implements AutoCloseable {

    private static final String DEFAULT_REGION = "us-east-1";

    /** The Secret cannot make a client: the factory's error, in its words. */
    static final class NoClient extends Exception {
        NoClient(String message) {
            super(message, null, false, false);
        }
    }

    /** A path that is not {@code <bucket>/<key>}: {@code Invalid S3 path (...)}, as the operators' util says. */
    static final class InvalidPath extends Exception {
        InvalidPath(String path) {
            super("Invalid S3 path (" + path + ")", null, false, false);
        }
    }

    private final S3Client s3;

    private OperatorS3Client(S3Client s3) {
        this.s3 = s3;
    }

    static OperatorS3Client fromSecret(KubernetesClient client, String namespace, Map<String, Object> s3) throws NoClient {
        String secretName = String.valueOf(s3.get("awsSecret"));
        Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey("credentials")) {
            throw new NoClient("new S3 client failed: failed to setup aws config: (setup AWS config failed: get k8s"
                    + " secret failed: secrets \"" + secretName + "\" not found or holds no credentials)");
        }
        ProfileFile credentials = profile(secret.getData().get("credentials"), ProfileFile.Type.CREDENTIALS);
        String region = secret.getData().containsKey("config")
                ? profile(secret.getData().get("config"), ProfileFile.Type.CONFIGURATION).profile("default")
                        .flatMap(p -> p.property("region")).orElse(DEFAULT_REGION)
                : DEFAULT_REGION;
        Object endpoint = s3.get("endpoint");
        if (endpoint == null || endpoint.toString().isBlank()) {
            return new OperatorS3Client(null); // the real operators would go to AWS: every request fails here
        }
        return new OperatorS3Client(S3Client.builder()
                .endpointOverride(URI.create(endpoint.toString()))
                .forcePathStyle(Boolean.TRUE.equals(s3.get("forcePathStyle")))
                .region(Region.of(region))
                .credentialsProvider(ProfileCredentialsProvider.builder().profileFile(credentials).profileName("default").build())
                .httpClient(UrlConnectionHttpClient.create())
                .build());
    }

    /** The bucket and the key of a path, split at the first {@code /}; both must be there. */
    static String[] bucketAndKey(String path) throws InvalidPath {
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new InvalidPath(path);
        }
        return new String[] {path.substring(0, slash), path.substring(slash + 1)};
    }

    void put(String path, byte[] body) throws InvalidPath {
        String[] at = bucketAndKey(path);
        s3().putObject(b -> b.bucket(at[0]).key(at[1]), RequestBody.fromBytes(body));
    }

    byte[] get(String path) throws InvalidPath {
        String[] at = bucketAndKey(path);
        return s3().getObjectAsBytes(b -> b.bucket(at[0]).key(at[1])).asByteArray();
    }

    /** The paths ({@code <bucket>/<key>}) of the objects whose key starts with the path's key (one ListObjects page). */
    List<String> list(String basePath) throws InvalidPath {
        String[] at = bucketAndKey(basePath);
        List<String> paths = new ArrayList<>();
        for (S3Object object : s3().listObjects(b -> b.bucket(at[0]).prefix(at[1])).contents()) {
            paths.add(at[0] + "/" + object.key());
        }
        return paths;
    }

    void delete(String path) throws InvalidPath {
        String[] at = bucketAndKey(path);
        s3().deleteObject(b -> b.bucket(at[0]).key(at[1]));
    }

    private S3Client s3() {
        if (s3 == null) {
            throw SdkClientException.create("no S3 endpoint: the simulation reaches no AWS region");
        }
        return s3;
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    private static ProfileFile profile(String base64, ProfileFile.Type type) {
        return ProfileFile.builder().content(new ByteArrayInputStream(Base64.getDecoder().decode(base64))).type(type).build();
    }
}
