package io.parley.api.dialog;

import io.parley.api.user.UserView;

import java.util.List;

/**
 * A dialog as one participant sees it. {@code other} is the other participant (in a dialog of more
 * than two, the other participant who wrote last).
 */
public record DialogView(long id, List<UserView> users, UserView other, DialogMessageView lastMessage,
                         long unreadMessagesCount) {
}
