package io.parley.api.server;

/** Channel types as the servers API numbers them (0 text, 1 voice). Messages live only in text channels. */
public final class ChannelType {

    public static final int TEXT = 0;
    public static final int VOICE = 1;

    private ChannelType() {
    }

    public static boolean isKnown(int type) {
        return type == TEXT || type == VOICE;
    }
}
