package io.parley.query.server;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

public interface ServerMemberRepository extends JpaRepository<ServerMemberEntry, ServerMemberEntry.Key> {

    Optional<ServerMemberEntry> findFirstByServerIdAndUserIdAndLeftAtPositionIsNull(long serverId, long userId);

    boolean existsByServerIdAndUserIdAndLeftAtPositionIsNull(long serverId, long userId);

    Page<ServerMemberEntry> findByServerIdAndLeftAtPositionIsNull(long serverId, Pageable page);

    /** Members at the event at this position: joined at or before it, not left before it. */
    @Query("select distinct m.userId from ServerMemberEntry m where m.serverId = ?1 and m.joinedAtPosition <= ?2 "
            + "and (m.leftAtPosition is null or m.leftAtPosition >= ?2)")
    List<Long> findAudience(long serverId, long position);

    /** A user's stretches of membership that overlap the positions from {@code from} to {@code to}. */
    @Query("select m from ServerMemberEntry m where m.userId = ?1 and m.joinedAtPosition <= ?3 "
            + "and (m.leftAtPosition is null or m.leftAtPosition >= ?2)")
    List<ServerMemberEntry> findOverlapping(long userId, long from, long to);

    // Bulk updates bypass the persistence context: flush what is pending first, and forget the stale
    // entities after, or a later change to one of them in the same batch writes the old values back.
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update ServerMemberEntry m set m.leftAtPosition = ?2 where m.serverId = ?1 and m.leftAtPosition is null")
    int leaveAll(long serverId, long position);
}
