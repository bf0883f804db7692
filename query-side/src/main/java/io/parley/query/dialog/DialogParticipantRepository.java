package io.parley.query.dialog;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;

public interface DialogParticipantRepository extends JpaRepository<DialogParticipantEntry, DialogParticipantEntry.Key> {

    List<DialogParticipantEntry> findByDialogId(long dialogId);

    List<DialogParticipantEntry> findByDialogIdIn(List<Long> dialogIds);

    boolean existsByDialogIdAndUserId(long dialogId, long userId);
}
