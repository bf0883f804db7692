package io.parley.command.dialog;

import java.util.Collection;
import java.util.Optional;

/**
 * Which set of users has which admin-started dialog. Written in the command's transaction, so a claim
 * exists exactly when its dialog does.
 */
public interface DialogClaims {

    /**
     * Claims these users (in any order) for a new dialog; answers the dialog that already holds them (then
     * nothing was claimed), or empty when the new dialog may be started.
     */
    Optional<Long> claim(Collection<Long> participants, long dialogId);

    /** The claim's key: the users' ids, ascending, comma-separated. */
    static String key(Collection<Long> participants) {
        return String.join(",", participants.stream().sorted().distinct().map(String::valueOf).toList());
    }
}
