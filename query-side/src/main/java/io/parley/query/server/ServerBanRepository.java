package io.parley.query.server;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;

public interface ServerBanRepository extends JpaRepository<ServerBanEntry, ServerBanEntry.Key> {

    @Query(value = "select b from ServerBanEntry b where b.serverId = ?1 and (b.expiresAt is null or b.expiresAt > ?2)",
           countQuery = "select count(b) from ServerBanEntry b where b.serverId = ?1 "
                   + "and (b.expiresAt is null or b.expiresAt > ?2)")
    Page<ServerBanEntry> findInForce(long serverId, Instant now, Pageable page);

    // Bulk deletes bypass the persistence context: flush what is pending first, forget what is stale after.
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from ServerBanEntry b where b.serverId = ?1")
    int deleteByServer(long serverId);
}
