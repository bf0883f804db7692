package io.parley.gateway.server;

import java.security.SecureRandom;
import java.util.Base64;

/** Invite codes: 96 random bits, URL-safe (16 characters of base64url), so nobody guesses one. */
final class InviteCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private InviteCodes() {
    }

    static String next() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
