package io.parley.gateway.user;

import io.parley.api.user.ChangeUserSettings;
import io.parley.api.user.FindUser;
import io.parley.api.user.UserView;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import io.parley.realtime.api.SocketRequest;
import io.parley.realtime.api.SocketRequestHandler;
import io.parley.realtime.api.SocketRequests;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import java.util.Map;

/** users.me and users.settings.edit. */
@Component
public class UserRequests implements SocketRequests {

    private final Sides sides;
    private final UserJson json;

    public UserRequests(Sides sides, UserJson json) {
        this.sides = sides;
        this.json = json;
    }

    @Override
    public Map<String, SocketRequestHandler> handlers() {
        return Map.of("users.me", this::me,
                      "users.settings.edit", this::editSettings);
    }

    private ObjectNode me(SocketRequest request) {
        return request.reply(json.me(currentUser(request.userId())));
    }

    private ObjectNode editSettings(SocketRequest request) {
        Boolean notifications = request.optionalBoolean("email_notifications");
        String firstName = request.optionalText("first_name");
        String lastName = request.optionalText("last_name");
        if (notifications == null && firstName == null && lastName == null) {
            throw ApiError.badRequest("give email_notifications, first_name or last_name");
        }
        sides.send(new ChangeUserSettings(request.userId(), notifications, firstName, lastName));
        return request.reply(json.me(currentUser(request.userId())));
    }

    private UserView currentUser(long userId) {
        UserView user = sides.query(new FindUser(userId), UserView.class);
        if (user == null) {
            throw ApiError.notFound("user not found");
        }
        return user;
    }
}
