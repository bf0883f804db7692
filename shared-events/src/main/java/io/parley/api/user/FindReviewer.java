package io.parley.api.user;

/** The user's reviewer id, or null without one. Answers a Long. */
public record FindReviewer(long userId) {
}
