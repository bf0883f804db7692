package io.parley.query.dialog;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DialogEntryRepository extends JpaRepository<DialogEntry, Long> {

    @Query(value = "select d from DialogEntry d, DialogParticipantEntry p where p.dialogId = d.id and p.userId = ?1",
           countQuery = "select count(p) from DialogParticipantEntry p where p.userId = ?1")
    Page<DialogEntry> findByParticipant(long userId, Pageable page);
}
