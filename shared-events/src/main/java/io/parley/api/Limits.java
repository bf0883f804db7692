package io.parley.api;

/** Sizes both sides agree on. */
public final class Limits {

    private Limits() {
    }

    /** Longest username, in characters. */
    public static final int USERNAME_MAX = 150;
    /** Longest dialog message body, in characters. */
    public static final int DIALOG_BODY_MAX = 10_000;
    /** Longest first or last name. */
    public static final int NAME_MAX = 64;
    /** Most participants in one dialog. */
    public static final int DIALOG_PARTICIPANTS_MAX = 50;
    /** Longest server or channel name, in characters. */
    public static final int SERVER_NAME_MAX = 64;
    /** Longest channel message text, in characters. */
    public static final int CHANNEL_MESSAGE_TEXT_MAX = 2_000;
    /** Most servers one user may own at a time. */
    public static final int SERVERS_OWNED_MAX = 10;
    /** Most channels in one server. */
    public static final int CHANNELS_PER_SERVER_MAX = 50;
    /** Most invites of one server that have not expired. */
    public static final int INVITES_PER_SERVER_MAX = 20;
    /** Longest invite code. */
    public static final int INVITE_CODE_MAX = 64;
    /** Longest nonce of a channel message create. */
    public static final int NONCE_MAX = 64;
}
