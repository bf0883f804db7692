package io.parley.command.server;

/**
 * How many servers each user owns: the one server rule no single server can check. A take and the
 * server's events commit together or not at all.
 */
public interface ServerOwnership {

    /** Counts one more server for the user; false when they already own {@code max}. */
    boolean take(long ownerId, int max);

    /** Counts one server less for the user. */
    void release(long ownerId);
}
