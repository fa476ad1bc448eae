package io.berth.cluster.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ClusterEventRepository extends JpaRepository<ClusterEventEntity, Long> {

    /** Newest first, before an event id (exclusive). */
    List<ClusterEventEntity> findByClusterIdAndIdLessThanOrderByIdDesc(UUID clusterId, long beforeId, Limit limit);
}
