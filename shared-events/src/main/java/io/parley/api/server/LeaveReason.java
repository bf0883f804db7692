package io.parley.api.server;

/** Why a member left. Kept in the event for audit; pushes do not tell it (user_left is the same for all three). */
public enum LeaveReason {
    LEFT,
    KICKED,
    BANNED
}
