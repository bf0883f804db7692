package io.parley.command.server;

/**
 * Asks a server, from a channel message's command handler, what a user may do in one of its channels.
 * Membership changes after a message is posted, so the message cannot keep a copy, as a dialog message
 * does of its dialog's participants.
 */
public interface ServerAccess {

    ChannelAccess of(long serverId, long channelId, long userId);
}
