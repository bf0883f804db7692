package io.parley.query.dialog;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import java.time.Instant;
import java.util.Optional;

public interface DialogMessageRepository extends JpaRepository<DialogMessageEntry, Long> {

    Page<DialogMessageEntry> findByDialogIdAndDeletedFalse(long dialogId, Pageable page);

    Optional<DialogMessageEntry> findFirstByDialogIdAndDeletedFalseOrderByPositionDesc(long dialogId);

    Optional<DialogMessageEntry> findFirstByDialogIdAndAuthorIdNotAndDeletedFalseOrderByPositionDesc(
            long dialogId, long authorId);

    /** Marks read every message from others up to the position, that nobody has read yet. */
    // Bulk updates bypass the persistence context: flush what is pending first, and forget the stale
    // entities after, or a later change to one of them in the same batch writes the old values back.
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update DialogMessageEntry m set m.readAt = ?4 where m.dialogId = ?1 and m.authorId <> ?2 "
            + "and m.position <= ?3 and m.readAt is null")
    int markRead(long dialogId, long readerId, long upToPosition, Instant at);
}
