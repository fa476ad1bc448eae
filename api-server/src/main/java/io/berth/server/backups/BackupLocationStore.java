package io.berth.server.backups;

import io.berth.cluster.CredentialSeal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Backup locations in Postgres, the credentials sealed in their columns. Callers own the transactions. */
@Repository
class BackupLocationStore {

    private final JdbcClient jdbc;

    BackupLocationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A location's row: its id (what backups refer to and what seals its credentials), the view and the sealed keys. */
    record Row(UUID id, BackupLocation location, CredentialSeal.Sealed credentials) {
    }

    Optional<Row> find(String name) {
        return jdbc.sql("select * from backup_location where name = :name").param("name", name).query(this::row).optional();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select * from backup_location where id = :id").param("id", id).query(this::row).optional();
    }

    List<BackupLocation> page(String afterName, int limit) {
        return jdbc.sql("select * from backup_location where name > :after order by name limit :limit")
                .param("after", afterName == null ? "" : afterName).param("limit", limit)
                .query(this::row).list().stream().map(Row::location).toList();
    }

    void insert(UUID id, BackupLocation location, CredentialSeal.Sealed credentials) {
        jdbc.sql("""
                insert into backup_location (id, name, description, endpoint, bucket, prefix, region, force_path_style,
                    credentials_key_id, credentials_nonce, credentials_ciphertext, created_at, created_by, updated_at)
                values (:id, :name, :description, :endpoint, :bucket, :prefix, :region, :pathStyle,
                    :keyId, :nonce, :ciphertext, :now, :by, :now)""")
                .param("id", id).param("name", location.name()).param("description", location.description())
                .param("endpoint", location.endpoint()).param("bucket", location.bucket()).param("prefix", location.prefix())
                .param("region", location.region()).param("pathStyle", location.forcePathStyle())
                .param("keyId", credentials.keyId()).param("nonce", credentials.nonce())
                .param("ciphertext", credentials.ciphertext()).param("now", java.sql.Timestamp.from(location.createdAt()))
                .param("by", location.createdBy()).update();
    }

    /** Replaces what may change of a location (not its bucket or prefix, which recorded keys are relative to). */
    boolean update(UUID id, long expectedVersion, BackupLocation changed, CredentialSeal.Sealed credentials, Instant now) {
        return jdbc.sql("""
                update backup_location set description = :description, endpoint = :endpoint, region = :region,
                    force_path_style = :pathStyle, credentials_key_id = :keyId, credentials_nonce = :nonce,
                    credentials_ciphertext = :ciphertext, updated_at = :now, version = version + 1
                where id = :id and version = :expected""")
                .param("description", changed.description()).param("endpoint", changed.endpoint())
                .param("region", changed.region()).param("pathStyle", changed.forcePathStyle())
                .param("keyId", credentials.keyId()).param("nonce", credentials.nonce())
                .param("ciphertext", credentials.ciphertext()).param("now", java.sql.Timestamp.from(now))
                .param("id", id).param("expected", expectedVersion).update() == 1;
    }

    List<Row> all() {
        return jdbc.sql("select * from backup_location order by name").query(this::row).list();
    }

    /** Replaces the sealed keys if they are still sealed under {@code oldKeyId}; false when another did it first. */
    boolean replaceSealed(UUID id, String oldKeyId, CredentialSeal.Sealed sealed) {
        return jdbc.sql("""
                update backup_location set credentials_key_id = :keyId, credentials_nonce = :nonce,
                    credentials_ciphertext = :ciphertext where id = :id and credentials_key_id = :oldKeyId""")
                .param("keyId", sealed.keyId()).param("nonce", sealed.nonce()).param("ciphertext", sealed.ciphertext())
                .param("id", id).param("oldKeyId", oldKeyId).update() == 1;
    }

    /** True when backups or a schedule refer to the location. */
    boolean inUse(UUID id) {
        return jdbc.sql("select exists (select 1 from backup where location_id = :id)"
                        + " or exists (select 1 from backup_schedule where location_id = :id)")
                .param("id", id).query(Boolean.class).single();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from backup_location where id = :id").param("id", id).update() == 1;
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class),
                new BackupLocation(rs.getString("name"), rs.getString("description"), rs.getString("endpoint"),
                        rs.getString("bucket"), rs.getString("prefix"), rs.getString("region"), rs.getBoolean("force_path_style"),
                        instant(rs, "created_at"), rs.getString("created_by"), rs.getLong("version")),
                new CredentialSeal.Sealed(rs.getString("credentials_key_id"), rs.getBytes("credentials_nonce"),
                        rs.getBytes("credentials_ciphertext")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
