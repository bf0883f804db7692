package io.parley.api.server;

/** Why a member left. Kept in the event for audit; pushes do not tell it (the seed says so). */
public enum LeaveReason {
    LEFT,
    KICKED,
    BANNED
}
