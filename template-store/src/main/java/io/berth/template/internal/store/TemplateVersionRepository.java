package io.berth.template.internal.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TemplateVersionRepository extends JpaRepository<TemplateVersionEntity, UUID> {

    Optional<TemplateVersionEntity> findByTemplateSetIdAndVersion(UUID templateSetId, String version);

    /** Every version of a set, without content, in no particular order (semver order is applied in Java). */
    @Query("""
            select new io.berth.template.internal.store.VersionSummary(v.version, v.kind, v.changelog, v.digest,
              v.createdAt, v.createdBy)
            from TemplateVersionEntity v where v.templateSetId = :setId""")
    List<VersionSummary> summaries(@Param("setId") UUID templateSetId);

    @Query("""
            select new io.berth.template.internal.store.VersionSummary(v.version, v.kind, v.changelog, v.digest,
              v.createdAt, v.createdBy)
            from TemplateVersionEntity v where v.templateSetId = :setId and v.version = :version""")
    Optional<VersionSummary> summary(@Param("setId") UUID templateSetId, @Param("version") String version);

    @Query("select v.version from TemplateVersionEntity v where v.templateSetId = :setId")
    List<String> versionNumbers(@Param("setId") UUID templateSetId);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("delete from TemplateVersionEntity v where v.templateSetId = :setId and v.version = :version")
    int deleteVersion(@Param("setId") UUID templateSetId, @Param("version") String version);
}
