package io.parley.command.server;

/** What a user may do in a channel right now. */
public enum ChannelAccess {
    /** Not a member, or the channel or its server is gone: the channel does not exist for them. */
    NONE,
    MEMBER,
    OWNER
}
