package io.parley.command.dialog;

import io.parley.api.dialog.StartDialog;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Dialogs an admin starts: one per set of users. Starting one again for the same users, in any order,
 * answers the first dialog's id and stores nothing.
 */
@Component
public class DialogStarts {

    private final Repository<Dialog> dialogs;
    private final DialogClaims claims;

    public DialogStarts(Repository<Dialog> dialogs, DialogClaims claims) {
        this.dialogs = dialogs;
        this.claims = claims;
    }

    /** The id of the users' dialog: the new one, or the one they already have. */
    @CommandHandler
    public long handle(StartDialog command) throws Exception {
        List<Long> participants = Dialog.participants(command);
        Optional<Long> existing = claims.claim(participants, command.dialogId());
        if (existing.isPresent()) {
            return existing.get();
        }
        dialogs.newInstance(() -> new Dialog(command));
        return command.dialogId();
    }
}
