package io.parley.api;

/** Sizes both sides agree on. */
public final class Limits {

    private Limits() {
    }

    /** Longest dialog message body, in characters. */
    public static final int DIALOG_BODY_MAX = 10_000;
    /** Longest first or last name. */
    public static final int NAME_MAX = 64;
    /** Most participants in one dialog. */
    public static final int DIALOG_PARTICIPANTS_MAX = 50;
}
