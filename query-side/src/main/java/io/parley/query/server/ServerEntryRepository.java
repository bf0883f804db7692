package io.parley.query.server;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ServerEntryRepository extends JpaRepository<ServerEntry, Long> {

    /** The user's servers, in the order they joined. */
    @Query(value = "select s from ServerEntry s, ServerMemberEntry m where m.serverId = s.id and m.userId = ?1 "
            + "and m.leftAtPosition is null order by m.joinedAtPosition",
           countQuery = "select count(m) from ServerMemberEntry m where m.userId = ?1 and m.leftAtPosition is null")
    Page<ServerEntry> findByMember(long userId, Pageable page);
}
