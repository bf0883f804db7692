package io.parley.query.server;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ChannelMessageRepository extends JpaRepository<ChannelMessageEntry, Long> {

    /** The channel's messages that are not deleted, posted after one position and before another. */
    @Query(value = "select m from ChannelMessageEntry m where m.channelId = ?1 and m.deleted = false "
            + "and m.position > ?2 and m.position < ?3",
           countQuery = "select count(m) from ChannelMessageEntry m where m.channelId = ?1 and m.deleted = false "
                   + "and m.position > ?2 and m.position < ?3")
    Page<ChannelMessageEntry> findBetween(long channelId, long afterPosition, long beforePosition, Pageable page);

    // Bulk deletes bypass the persistence context: flush what is pending first, forget what is stale after.
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from ChannelMessageEntry m where m.channelId = ?1")
    int deleteByChannel(long channelId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from ChannelMessageEntry m where m.serverId = ?1")
    int deleteByServer(long serverId);
}
