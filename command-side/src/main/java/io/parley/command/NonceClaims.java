package io.parley.command;

import java.util.Optional;

/**
 * The nonces of message creates: the same user and nonce within 24 hours mean the same message. Written
 * in the command's transaction, so a claim exists exactly when its message does.
 */
public interface NonceClaims {

    /**
     * Claims the nonce for a new message; answers the id of the message that already holds it (then
     * nothing was claimed), or empty when the new message may be created.
     */
    Optional<Long> claim(long userId, String nonce, long messageId);
}
