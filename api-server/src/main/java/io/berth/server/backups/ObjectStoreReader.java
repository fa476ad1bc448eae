package io.berth.server.backups;

import io.berth.cluster.DeniedAddresses;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads what a backup location holds, so the record of backups says what is really there: the size of an
 * object, and which of a schedule's objects the operator has pruned. Only reads (list and head), with the
 * location's keys; a store Berth cannot reach (often reachable only from the clusters) is not an error:
 * the answer is empty and the record keeps what the operators reported.
 */
@Component
class ObjectStoreReader {

    private static final Logger log = LoggerFactory.getLogger(ObjectStoreReader.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_KEYS = 10_000;

    /** One object: its key and size in bytes. */
    record StoredObject(String key, long size) {
    }

    private final BackupLocationService locations;
    private final DeniedAddresses denied;

    ObjectStoreReader(BackupLocationService locations, DeniedAddresses denied) {
        this.locations = locations;
        this.denied = denied;
    }

    /** The objects whose keys start with {@code prefix}, or empty when the store could not be read. */
    Optional<List<StoredObject>> list(BackupLocationStore.Row location, String prefix) {
        if (deniedNow(location)) {
            return Optional.empty();
        }
        try (S3Client s3 = client(location)) {
            List<StoredObject> objects = new ArrayList<>();
            String token = null;
            do {
                String continuation = token;
                ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(location.location().bucket()).prefix(prefix)
                        .continuationToken(continuation));
                for (S3Object object : page.contents()) {
                    objects.add(new StoredObject(object.key(), object.size() == null ? 0 : object.size()));
                }
                token = Boolean.TRUE.equals(page.isTruncated()) && objects.size() < MAX_KEYS ? page.nextContinuationToken() : null;
            } while (token != null);
            return Optional.of(objects);
        } catch (SdkException | IllegalArgumentException unreadable) {
            // the keys are in no message of the SDK's; the location's name and the error's class say enough
            log.debug("Backup location {} could not be listed: {}", location.location().name(), unreadable.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Whether the object is there: empty when the store could not be read (so nobody can tell). */
    Optional<Boolean> exists(BackupLocationStore.Row location, String key) {
        if (deniedNow(location)) {
            return Optional.empty();
        }
        try (S3Client s3 = client(location)) {
            s3.headObject(b -> b.bucket(location.location().bucket()).key(key));
            return Optional.of(true);
        } catch (NoSuchKeyException gone) {
            return Optional.of(false);
        } catch (S3Exception failed) {
            if (failed.statusCode() == 404) {
                return Optional.of(false); // a HEAD answer has no body to say NoSuchKey
            }
            log.debug("Object of backup location {} could not be read: {}", location.location().name(), failed.statusCode());
            return Optional.empty();
        } catch (SdkException | IllegalArgumentException unreadable) {
            log.debug("Object of backup location {} could not be read: {}", location.location().name(),
                    unreadable.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** The size of one object, or empty when it could not be read. */
    Optional<Long> size(BackupLocationStore.Row location, String key) {
        if (deniedNow(location)) {
            return Optional.empty();
        }
        try (S3Client s3 = client(location)) {
            return Optional.ofNullable(s3.headObject(b -> b.bucket(location.location().bucket()).key(key)).contentLength());
        } catch (SdkException | IllegalArgumentException unreadable) {
            log.debug("Object of backup location {} could not be read: {}", location.location().name(),
                    unreadable.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Checked again at each read: a name may resolve elsewhere than when the location was registered. */
    private boolean deniedNow(BackupLocationStore.Row location) {
        Optional<String> network = denied.networkOf(URI.create(location.location().endpoint()).getHost());
        network.ifPresent(n -> log.warn("Backup location {} is not read: its endpoint is in {}, where Berth does not connect",
                location.location().name(), n));
        return network.isPresent();
    }

    private S3Client client(BackupLocationStore.Row location) {
        BackupLocationService.ObjectStoreKeys keys = locations.credentials(location);
        return S3Client.builder()
                .endpointOverride(URI.create(location.location().endpoint()))
                .forcePathStyle(location.location().forcePathStyle())
                .region(Region.of(location.location().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(),
                        keys.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT).build())
                .build();
    }
}
