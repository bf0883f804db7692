package io.parley.gateway.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.user.UserView;
import org.springframework.stereotype.Component;

/** Users as the dialogs seed shows them. Other users' email addresses are never shown. */
@Component
public class UserJson {

    private final ObjectMapper mapper;

    public UserJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {"id","username","first_name","last_name","avatar"}: another user, as inside messages and dialogs. */
    public ObjectNode publicUser(UserView user) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", user.id());
        json.put("username", user.username());
        json.put("first_name", user.firstName());
        json.put("last_name", user.lastName());
        json.put("avatar", user.avatar());
        return json;
    }

    /** The caller themself: the public fields plus email and settings. */
    public ObjectNode me(UserView user) {
        ObjectNode json = publicUser(user);
        json.put("email", user.email());
        json.put("email_notifications", user.emailNotifications());
        return json;
    }
}
