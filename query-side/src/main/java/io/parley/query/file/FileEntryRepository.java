package io.parley.query.file;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface FileEntryRepository extends JpaRepository<FileEntry, Long> {

    /** Whether a message that is not deleted carries the file in a dialog the user takes part in. */
    @Query("select count(m) > 0 from DialogMessageEntry m, DialogParticipantEntry p "
            + "where m.fileId = ?1 and m.deleted = false and p.dialogId = m.dialogId and p.userId = ?2")
    boolean attachedInDialogOf(long fileId, long userId);
}
