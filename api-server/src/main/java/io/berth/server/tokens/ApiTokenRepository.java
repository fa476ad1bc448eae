package io.berth.server.tokens;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiTokenEntity, UUID> {

    Optional<ApiTokenEntity> findByTokenHash(String tokenHash);

    Optional<ApiTokenEntity> findByName(String name);

    boolean existsByName(String name);

    List<ApiTokenEntity> findByNameGreaterThanOrderByNameAsc(String afterName, Limit limit);

    List<ApiTokenEntity> findByProjectIdInAndNameGreaterThanOrderByNameAsc(Collection<UUID> projectIds, String afterName, Limit limit);
}
