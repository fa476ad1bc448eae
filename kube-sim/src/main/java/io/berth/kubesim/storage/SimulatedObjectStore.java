package io.berth.kubesim.storage;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible server on the loopback interface (gaul's s3proxy, objects kept in memory), with one
 * generated access key: what a team's MinIO or cloud bucket is to the real backup operators. Path-style
 * addressing ({@code http://127.0.0.1:port/bucket/key}), signatures checked (a wrong secret is refused,
 * as by a real store).
 */
public final class SimulatedObjectStore implements AutoCloseable {

    /** The region the simulated store says it is in; S3 clients need one. */
    public static final String REGION = "us-east-1";

    private final S3Proxy server;
    private final String accessKey;
    private final String secretKey;

    private SimulatedObjectStore(S3Proxy server, String accessKey, String secretKey) {
        this.server = server;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts a store on a free port of 127.0.0.1, empty, with a new key pair. */
    public static SimulatedObjectStore start() {
        String accessKey = "sim" + random(8);
        String secretKey = random(20);
        S3Proxy server = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            server.start();
            while (!"STARTED".equals(server.getState())) {
                if ("FAILED".equals(server.getState())) {
                    throw new IllegalStateException("The simulated object store did not start");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the simulated object store started", e);
        } catch (Exception e) {
            throw new IllegalStateException("The simulated object store did not start", e);
        }
        return new SimulatedObjectStore(server, accessKey, secretKey);
    }

    /** Where clients reach it, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** A client with the store's own key. */
    public S3Client client() {
        return client(accessKey, secretKey);
    }

    /** A client with any key pair (a wrong one is refused by the store, as by S3). */
    public S3Client client(String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates a bucket (a team creates its backup bucket before pointing operators at it). */
    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /** The keys in a bucket under a prefix, in key order. */
    public List<String> keys(String bucket, String prefix) {
        try (S3Client s3 = client()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key).sorted().toList();
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The simulated object store did not stop", e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
