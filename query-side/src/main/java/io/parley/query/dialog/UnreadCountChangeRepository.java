package io.parley.query.dialog;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;

public interface UnreadCountChangeRepository extends JpaRepository<UnreadCountChangeEntry, UnreadCountChangeEntry.Key> {

    List<UnreadCountChangeEntry> findByPositionBetweenOrderByPosition(long from, long to);
}
