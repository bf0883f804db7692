package io.parley.gateway.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.api.user.UserView;
import org.springframework.stereotype.Component;

/** Users as every API shows them. Other users' email addresses are never shown. */
@Component
public class UserJson {

    /** Another user, as inside messages, dialogs and member lists. */
    public record PublicUser(long id, String username, @JsonProperty("first_name") String firstName,
                             @JsonProperty("last_name") String lastName, String avatar) {
    }

    /** The caller themself: the public fields plus email and settings. */
    public record Me(long id, String username, @JsonProperty("first_name") String firstName,
                     @JsonProperty("last_name") String lastName, String avatar, String email,
                     @JsonProperty("email_notifications") boolean emailNotifications) {
    }

    public PublicUser publicUser(UserView user) {
        return new PublicUser(user.id(), user.username(), user.firstName(), user.lastName(), user.avatar());
    }

    public Me me(UserView user) {
        return new Me(user.id(), user.username(), user.firstName(), user.lastName(), user.avatar(), user.email(),
                      user.emailNotifications());
    }
}
