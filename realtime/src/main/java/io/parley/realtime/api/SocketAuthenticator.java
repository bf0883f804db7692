package io.parley.realtime.api;

/** Who opens a socket: the application decides from what the upgrade request presents. */
public interface SocketAuthenticator {

    /**
     * The bearer of the token given as {@code ?token=} (decoded; null when absent) or else in the
     * {@code Authorization} header (null when absent). Refused: an {@link ApiError} whose message says why,
     * which the upgrade answers with 401.
     */
    TokenClaims authenticate(String tokenParameter, String authorizationHeader);
}
