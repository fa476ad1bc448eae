package io.berth.cluster.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ClusterRepository extends JpaRepository<ClusterEntity, UUID> {

    Optional<ClusterEntity> findByName(String name);

    /** What decides whether a cluster's cached client is current, for the clusters named, in one read. */
    @Query("select new io.berth.cluster.internal.ClusterCredentialsGeneration(c.id, c.name, c.credentialsGeneration)"
            + " from ClusterEntity c where c.name in :names")
    List<ClusterCredentialsGeneration> findCredentialsGenerations(@Param("names") Collection<String> names);

    boolean existsByName(String name);

    /**
     * Replaces sealed credentials with the same credentials sealed under another key. Neither the
     * optimistic-lock version nor the credentials generation changes: the kubeconfig is the same.
     */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update ClusterEntity c set c.credentialsKeyId = :keyId, c.credentialsNonce = :nonce,
              c.credentialsCiphertext = :ciphertext where c.id = :id and c.credentialsKeyId = :oldKeyId""")
    int replaceSealedCredentials(@Param("id") UUID id, @Param("oldKeyId") String oldKeyId, @Param("keyId") String keyId,
                                 @Param("nonce") byte[] nonce, @Param("ciphertext") byte[] ciphertext);
}
