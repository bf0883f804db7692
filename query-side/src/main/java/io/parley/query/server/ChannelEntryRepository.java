package io.parley.query.server;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface ChannelEntryRepository extends JpaRepository<ChannelEntry, Long> {

    List<ChannelEntry> findByServerIdOrderByPosition(long serverId);

    // Bulk deletes bypass the persistence context: flush what is pending first, forget what is stale after.
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from ChannelEntry c where c.serverId = ?1")
    int deleteByServer(long serverId);
}
