package io.parley.api.dialog;

import io.parley.api.user.UserView;

import java.time.Instant;

/** A message as the read model holds it; {@code file} is null without an attachment. */
public record DialogMessageView(long id, long dialogId, UserView user, String body, String bodyHtml,
                                FileView file, Instant dateCreated, Instant dateRead, long position) {
}
