package io.parley.command;

import io.parley.api.Refusal;

/** Checks on free text that several aggregates share. */
public final class Texts {

    private Texts() {
    }

    /** A non-blank text of at most {@code max} characters, or a bad_request refusal naming the field. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw Refusal.badRequest(field + " must not be empty");
        }
        if (value.length() > max) {
            throw Refusal.badRequest(field + " is longer than " + max + " characters");
        }
        return value;
    }

    /** Null (meaning unchanged or none), or at most {@code max} characters. */
    public static String optional(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw Refusal.badRequest(field + " is longer than " + max + " characters");
        }
        return value;
    }
}
