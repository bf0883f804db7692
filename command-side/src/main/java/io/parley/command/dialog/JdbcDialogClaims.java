package io.parley.command.dialog;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Dialog claims in the command side's own table (V23). */
@Component
class JdbcDialogClaims implements DialogClaims {

    private final JdbcTemplate jdbc;

    JdbcDialogClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Long> claim(Collection<Long> participants, long dialogId) {
        String key = DialogClaims.key(participants);
        // A concurrent start of the same users waits here for the other's commit, then finds its claim.
        jdbc.update("insert into dialog_claim (participants, dialog_id) values (?, ?) on conflict do nothing",
                    key, dialogId);
        List<Long> held = jdbc.queryForList("select dialog_id from dialog_claim where participants = ?", Long.class,
                                            key);
        return held.isEmpty() || held.get(0) == dialogId ? Optional.empty() : Optional.of(held.get(0));
    }
}
