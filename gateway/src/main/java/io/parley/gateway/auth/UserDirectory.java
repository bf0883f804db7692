package io.parley.gateway.auth;

import io.parley.api.user.FindUser;
import io.parley.api.user.RegisterUser;
import io.parley.api.user.UserView;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import io.parley.realtime.api.TokenClaims;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Makes sure the bearer of a valid token is a known user, registering them from the token's claims. */
@Component
public class UserDirectory {

    private final Sides sides;
    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    public UserDirectory(Sides sides) {
        this.sides = sides;
    }

    public void ensureRegistered(TokenClaims claims) {
        if (known.contains(claims.userId())) {
            return;
        }
        if (sides.query(new FindUser(claims.userId()), UserView.class) == null) {
            String username = claims.username() != null && !claims.username().isBlank()
                              ? claims.username() : "user" + claims.userId();
            try {
                sides.send(new RegisterUser(claims.userId(), username, claims.email(), null, null,
                                               validAvatar(claims.avatar()), null));
            } catch (ApiError e) {
                if (!e.code().equals("conflict")) {
                    throw e; // conflict: registered meanwhile by another socket, which is what we want
                }
            }
        }
        known.add(claims.userId());
    }

    /** A token's avatar claim if it is a usable picture URL; a bad one is dropped, not a reason to refuse the user. */
    private static String validAvatar(String avatar) {
        if (avatar == null || avatar.length() > 500
                || !(avatar.startsWith("https://") || avatar.startsWith("http://"))) {
            return null;
        }
        return avatar;
    }
}
