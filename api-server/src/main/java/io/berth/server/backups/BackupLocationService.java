package io.berth.server.backups;

import io.berth.cluster.CredentialSeal;
import io.berth.cluster.DeniedAddresses;
import io.berth.server.audit.AuditLog;
import io.berth.server.backups.BackupExceptions.LocationAlreadyExistsException;
import io.berth.server.backups.BackupExceptions.LocationInUseException;
import io.berth.server.backups.BackupExceptions.LocationNotFoundException;
import io.berth.server.domain.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers, lists and deletes backup locations. The credentials are checked, sealed and never given
 * back; {@link #credentials} opens them for the steps that deliver them to a cluster.
 */
@Service
public class BackupLocationService {

    static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    private static final Pattern PREFIX = Pattern.compile("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$");
    private static final Pattern REGION = Pattern.compile("^[a-z0-9-]{1,64}$");
    // written into the AWS shared-credentials file the operator reads: no space, no line break, no '='
    private static final Pattern KEY_TEXT = Pattern.compile("^[\\x21-\\x3c\\x3e-\\x7e]{1,256}$");

    /** The keys of an S3-compatible store, as the location holds them. */
    record ObjectStoreKeys(String accessKeyId, String secretAccessKey) {

        @Override
        public String toString() {
            return "ObjectStoreKeys[hidden]"; // never in a log line or a message
        }
    }

    /** A registration, as the API takes it; the keys go in and never come out. */
    public record NewBackupLocation(String name, String description, String endpoint, String bucket, String prefix,
                                    String region, Boolean forcePathStyle, String accessKeyId, String secretAccessKey) {

        @Override
        public String toString() {
            return "NewBackupLocation[name=" + name + ", endpoint=" + endpoint + ", bucket=" + bucket + "]";
        }
    }

    private final BackupLocationStore store;
    private final CredentialSeal seal;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;
    private final DeniedAddresses denied;

    BackupLocationService(BackupLocationStore store, CredentialSeal seal, AuditLog audit, JsonMapper json, Clock clock,
                          DeniedAddresses denied) {
        this.denied = denied;
        this.store = store;
        this.seal = seal;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public BackupLocation create(NewBackupLocation request, String actor) {
        List<Violation> violations = validate(request);
        if (!violations.isEmpty()) {
            throw new BackupExceptions.InvalidBackupRequestException("The backup location has " + violations.size()
                    + " invalid field(s)", violations);
        }
        UUID id = UUID.randomUUID();
        BackupLocation location = new BackupLocation(request.name(), request.description(), request.endpoint(),
                request.bucket(), request.prefix() == null ? "" : request.prefix(),
                request.region() == null ? DEFAULT_REGION : request.region(), Boolean.TRUE.equals(request.forcePathStyle()),
                Instant.now(clock), actor, 0);
        byte[] keys = json.writeValueAsBytes(new ObjectStoreKeys(request.accessKeyId(), request.secretAccessKey()));
        try {
            store.insert(id, location, seal.seal(keys, id));
        } catch (DuplicateKeyException taken) {
            throw new LocationAlreadyExistsException(request.name());
        }
        audit.recordAccessChange(actor, "CreateBackupLocation", null, "location " + location.name() + " at "
                + location.endpoint() + ", bucket " + location.bucket());
        return location;
    }

    /**
     * A change of a location: each field given replaces the current one, each left out (or null) stays. The keys
     * change together (both or neither). The bucket and prefix cannot change: recorded backups are keys there.
     */
    public record LocationChanges(String description, String endpoint, String region, Boolean forcePathStyle,
                                  String accessKeyId, String secretAccessKey) {

        @Override
        public String toString() {
            return "LocationChanges[endpoint=" + endpoint + ", keys " + (accessKeyId == null ? "unchanged" : "replaced") + "]";
        }
    }

    @Transactional
    public BackupLocation update(String name, LocationChanges changes, Long expectedVersion, String actor) {
        BackupLocationStore.Row row = require(name);
        if (expectedVersion != null && expectedVersion != row.location().version()) {
            throw new BackupExceptions.StaleLocationException(name, expectedVersion, row.location().version());
        }
        ObjectStoreKeys keys = credentials(row);
        boolean newKeys = changes.accessKeyId() != null || changes.secretAccessKey() != null;
        NewBackupLocation merged = new NewBackupLocation(name,
                changes.description() != null ? changes.description() : row.location().description(),
                changes.endpoint() != null ? changes.endpoint() : row.location().endpoint(),
                row.location().bucket(), row.location().prefix(),
                changes.region() != null ? changes.region() : row.location().region(),
                changes.forcePathStyle() != null ? changes.forcePathStyle() : row.location().forcePathStyle(),
                newKeys ? changes.accessKeyId() : keys.accessKeyId(), newKeys ? changes.secretAccessKey() : keys.secretAccessKey());
        List<Violation> violations = validate(merged);
        if (!violations.isEmpty()) {
            throw new BackupExceptions.InvalidBackupRequestException("The change has " + violations.size()
                    + " invalid field(s)", violations);
        }
        BackupLocation changed = new BackupLocation(name, merged.description(), merged.endpoint(), merged.bucket(),
                merged.prefix(), merged.region(), merged.forcePathStyle(), row.location().createdAt(),
                row.location().createdBy(), row.location().version() + 1);
        byte[] sealed = json.writeValueAsBytes(new ObjectStoreKeys(merged.accessKeyId(), merged.secretAccessKey()));
        if (!store.update(row.id(), row.location().version(), changed, seal.seal(sealed, row.id()), Instant.now(clock))) {
            if (expectedVersion != null) {
                throw new BackupExceptions.StaleLocationException(name, expectedVersion, null);
            }
            throw new BackupExceptions.LocationChangedMeanwhileException(name);
        }
        audit.recordAccessChange(actor, "UpdateBackupLocation", null, "location " + name + (newKeys ? ", keys replaced" : ""));
        return changed;
    }

    @Transactional(readOnly = true)
    public BackupLocation get(String name) {
        return require(name).location();
    }

    @Transactional(readOnly = true)
    public List<BackupLocation> list(String afterName, int limit) {
        return store.page(afterName, limit);
    }

    @Transactional
    public void delete(String name, String actor) {
        BackupLocationStore.Row row = require(name);
        if (store.inUse(row.id())) {
            throw new LocationInUseException(name);
        }
        store.delete(row.id());
        audit.recordAccessChange(actor, "DeleteBackupLocation", null, "location " + name);
    }

    BackupLocationStore.Row require(String name) {
        return store.find(name).orElseThrow(() -> new LocationNotFoundException(name));
    }

    BackupLocationStore.Row require(UUID id) {
        return store.find(id).orElseThrow(() -> new IllegalStateException("backup location " + id + " is gone"));
    }

    /** The location's keys, opened for delivery to a cluster. */
    ObjectStoreKeys credentials(BackupLocationStore.Row row) {
        return json.readValue(new String(seal.open(row.credentials(), row.id()), StandardCharsets.UTF_8), ObjectStoreKeys.class);
    }

    private List<Violation> validate(NewBackupLocation r) {
        List<Violation> violations = validateFields(r);
        if (violations.stream().noneMatch(v -> v.field().equals("endpoint"))) {
            // Berth reads the store (sizes, what was pruned): never where the clusters' API servers may not be
            denied.networkOf(URI.create(r.endpoint()).getHost()).ifPresent(network -> violations.add(new Violation("endpoint",
                    "is in " + network + ", where Berth does not connect (berth.clusters.denied-networks)")));
        }
        return violations;
    }

    private static List<Violation> validateFields(NewBackupLocation r) {
        List<Violation> violations = new ArrayList<>();
        if (r.name() == null || !NAME.matcher(r.name()).matches()) {
            violations.add(new Violation("name", "must be a DNS label: lower-case letters, digits and '-', at most 63"));
        }
        if (r.description() != null && r.description().length() > 1024) {
            violations.add(new Violation("description", "must be at most 1024 characters"));
        }
        violations.addAll(endpointViolations(r.endpoint()));
        if (r.bucket() == null || !BUCKET.matcher(r.bucket()).matches()) {
            violations.add(new Violation("bucket", "must be an S3 bucket name: 3 to 63 lower-case letters, digits, '.' and '-'"));
        }
        if (r.prefix() != null && !r.prefix().isEmpty() && (r.prefix().length() > 512 || !PREFIX.matcher(r.prefix()).matches()
                || r.prefix().contains(".."))) {
            violations.add(new Violation("prefix", "must be key segments of letters, digits, '.', '_' and '-' separated by '/',"
                    + " without a leading or trailing '/' or '..', at most 512 characters"));
        }
        if (r.region() != null && !REGION.matcher(r.region()).matches()) {
            violations.add(new Violation("region", "must be a region name such as us-east-1"));
        }
        if (r.accessKeyId() == null || !KEY_TEXT.matcher(r.accessKeyId()).matches()) {
            violations.add(new Violation("accessKeyId", "is required: 1 to 256 printable ASCII characters, no space and no '='"));
        }
        if (r.secretAccessKey() == null || !KEY_TEXT.matcher(r.secretAccessKey()).matches()) {
            violations.add(new Violation("secretAccessKey", "is required: 1 to 256 printable ASCII characters, no space and no '='"));
        }
        return violations;
    }

    private static List<Violation> endpointViolations(String endpoint) {
        String rule = "must be the object store's http or https URL, such as https://s3.example.com:9000, without user,"
                + " path, query or fragment";
        if (endpoint == null || endpoint.length() > 2048) {
            return List.of(new Violation("endpoint", rule));
        }
        try {
            URI uri = new URI(endpoint);
            boolean valid = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
            return valid ? List.of() : List.of(new Violation("endpoint", rule));
        } catch (URISyntaxException e) {
            return List.of(new Violation("endpoint", rule));
        }
    }
}
