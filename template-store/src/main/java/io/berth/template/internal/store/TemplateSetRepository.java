package io.berth.template.internal.store;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TemplateSetRepository extends JpaRepository<TemplateSetEntity, UUID> {

    Optional<TemplateSetEntity> findByName(String name);

    boolean existsByName(String name);

    /** The set, locked until the transaction ends: publishing into a set is serialised per set. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from TemplateSetEntity s where s.name = :name")
    Optional<TemplateSetEntity> lockByName(@Param("name") String name);

    /** Sets in name order, after a name (exclusive). */
    List<TemplateSetEntity> findByNameGreaterThanOrderByNameAsc(String afterName, Limit limit);

    /**
     * Sets whose lower-cased name or description matches a LIKE pattern ({@code !} escapes), in name
     * order, after a name (exclusive).
     */
    @Query("""
            select s from TemplateSetEntity s
            where s.name > :afterName
              and (lower(s.name) like :pattern escape '!' or lower(coalesce(s.description, '')) like :pattern escape '!')
            order by s.name""")
    List<TemplateSetEntity> findMatching(@Param("afterName") String afterName, @Param("pattern") String pattern, Limit limit);
}
