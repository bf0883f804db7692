package io.parley.gateway.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.dialog.StartDialog;
import io.parley.api.user.FindUser;
import io.parley.api.user.UserView;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import io.parley.gateway.IdAllocator;
import io.parley.realtime.api.Ids;
import io.parley.realtime.api.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An admin opens a dialog between a set of users (the other way in is a user's new-message to their reviewer). */
@RestController
public class AdminDialogController {

    private final Sides sides;
    private final IdAllocator ids;

    public AdminDialogController(Sides sides, IdAllocator ids) {
        this.sides = sides;
        this.ids = ids;
    }

    /** 201 with the new dialog; 200 with the users' dialog when they have one already (one per set of users). */
    @PostMapping("/api/admin/dialogs")
    public ResponseEntity<Map<String, Object>> start(TokenClaims caller, @RequestBody JsonNode body) {
        caller.requireAdmin();
        List<Long> userIds = userIds(body.get("user_ids"));
        for (long userId : userIds) {
            if (sides.query(new FindUser(userId), UserView.class) == null) {
                throw ApiError.notFound("user " + userId + " not found");
            }
        }
        long dialogId = ids.next();
        long id = ((Number) sides.send(new StartDialog(dialogId, userIds, caller.userId())).result())
                .longValue();
        return ResponseEntity.status(id == dialogId ? HttpStatus.CREATED : HttpStatus.OK).body(Map.of("id", id));
    }

    /** Each id read as the socket reads ids (Ids.parse), so REST and socket take and refuse the same. */
    private static List<Long> userIds(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiError.badRequest("user_ids is required");
        }
        if (!node.isArray()) {
            throw ApiError.badRequest("user_ids must be a list of user ids");
        }
        List<Long> userIds = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            userIds.add(Ids.parse("user_ids[" + i + "]", node.get(i)));
        }
        return userIds;
    }
}
