package io.parley.command.user;

/** The set of usernames taken by password logins: the one rule no single aggregate can check. */
public interface UsernameClaims {

    /** Claims the username for the user; false when another user holds it. */
    boolean claim(String username, long userId);
}
