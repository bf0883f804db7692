package io.parley.query.dialog;

import org.springframework.data.jpa.repository.JpaRepository;

/** Only for the reset: the changes are written and read with plain SQL. */
public interface UnreadCountChangeRepository extends JpaRepository<UnreadCountChangeEntry, UnreadCountChangeEntry.Key> {
}
