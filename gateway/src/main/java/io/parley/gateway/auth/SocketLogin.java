package io.parley.gateway.auth;

import io.parley.realtime.api.ApiError;
import io.parley.realtime.api.SocketAuthenticator;
import io.parley.realtime.api.TokenClaims;
import org.springframework.stereotype.Component;

/** A socket opens with a valid JWT; a user seen for the first time is registered then. */
@Component
public class SocketLogin implements SocketAuthenticator {

    private final JwtService jwt;
    private final UserDirectory users;

    public SocketLogin(JwtService jwt, UserDirectory users) {
        this.jwt = jwt;
        this.users = users;
    }

    @Override
    public TokenClaims authenticate(String tokenParameter, String authorizationHeader) {
        String token = tokenParameter != null ? tokenParameter : JwtService.fromAuthorizationHeader(authorizationHeader);
        TokenClaims claims = jwt.verify(token).orElseThrow(() -> ApiError.unauthorized(
                // The REST side's words: missing, expired (and when), or not valid and why.
                jwt.whyRefused(token, "token query parameter (?token=) or the Authorization header")));
        users.ensureRegistered(claims);
        return claims;
    }
}
