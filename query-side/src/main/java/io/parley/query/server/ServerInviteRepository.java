package io.parley.query.server;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.Optional;

public interface ServerInviteRepository extends JpaRepository<ServerInviteEntry, ServerInviteEntry.Key> {

    Optional<ServerInviteEntry> findFirstByCodeOrderByPosition(String code);

    @Query(value = "select i from ServerInviteEntry i where i.serverId = ?1 "
            + "and (i.expiresAt is null or i.expiresAt > ?2)",
           countQuery = "select count(i) from ServerInviteEntry i where i.serverId = ?1 "
                   + "and (i.expiresAt is null or i.expiresAt > ?2)")
    Page<ServerInviteEntry> findValid(long serverId, Instant now, Pageable page);

    // Bulk deletes bypass the persistence context: flush what is pending first, forget what is stale after.
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from ServerInviteEntry i where i.serverId = ?1")
    int deleteByServer(long serverId);
}
