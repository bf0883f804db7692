package io.parley.api.server;

/** Answers the {@link InviteView} with this code (expired or not), or null when there is none. */
public record FindInvite(String code) {
}
