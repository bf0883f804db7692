package io.parley.api;

/**
 * Aggregate identifiers in the event store. All aggregate types share one identifier column, and user
 * ids come from outside (JWT claims), so every id carries its type as a prefix.
 */
public final class AggregateIds {

    private AggregateIds() {
    }

    public static String user(long userId) {
        return "user-" + userId;
    }

    public static String dialog(long dialogId) {
        return "dialog-" + dialogId;
    }

    public static String dialogMessage(long messageId) {
        return "dialog-message-" + messageId;
    }

    public static String file(long fileId) {
        return "file-" + fileId;
    }

    public static String server(long serverId) {
        return "server-" + serverId;
    }

    public static String channelMessage(long messageId) {
        return "channel-message-" + messageId;
    }
}
