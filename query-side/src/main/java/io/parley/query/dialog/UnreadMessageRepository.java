package io.parley.query.dialog;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import java.util.List;

public interface UnreadMessageRepository extends JpaRepository<UnreadMessageEntry, UnreadMessageEntry.Key> {

    boolean existsByUserIdAndDialogId(long userId, long dialogId);

    long countByUserIdAndDialogId(long userId, long dialogId);

    @Query("select count(distinct u.dialogId) from UnreadMessageEntry u where u.userId = ?1")
    int countDialogs(long userId);

    // Bulk updates bypass the persistence context: flush what is pending first, and forget the stale
    // entities after, or a later change to one of them in the same batch writes the old values back.
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from UnreadMessageEntry u where u.userId = ?1 and u.dialogId = ?2 and u.position <= ?3")
    int deleteUpTo(long userId, long dialogId, long upToPosition);

    @Query("select u.dialogId, count(u) from UnreadMessageEntry u where u.userId = ?1 and u.dialogId in ?2 "
            + "group by u.dialogId")
    List<Object[]> countByDialog(long userId, List<Long> dialogIds);
}
