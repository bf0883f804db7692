package io.parley.gateway.dialog;

import io.parley.api.dialog.StartDialog;
import io.parley.api.user.FindUser;
import io.parley.api.user.UserView;
import io.parley.gateway.ApiError;
import io.parley.gateway.Commands;
import io.parley.gateway.IdAllocator;
import io.parley.gateway.auth.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** An admin opens a dialog between a set of users (the other way in is a user's new-message to their reviewer). */
@RestController
public class AdminDialogController {

    private final Commands commands;
    private final IdAllocator ids;

    public AdminDialogController(Commands commands, IdAllocator ids) {
        this.commands = commands;
        this.ids = ids;
    }

    public record NewDialog(List<Long> user_ids) {
    }

    /** 201 with the new dialog; 200 with the users' dialog when they have one already (one per set of users). */
    @PostMapping("/api/admin/dialogs")
    public ResponseEntity<Map<String, Object>> start(TokenClaims caller, @RequestBody NewDialog body) {
        caller.requireAdmin();
        if (body.user_ids() == null || body.user_ids().stream().anyMatch(id -> id == null || id < 1)) {
            throw ApiError.badRequest("user_ids must be a list of user ids");
        }
        for (long userId : body.user_ids()) {
            if (commands.query(new FindUser(userId), UserView.class) == null) {
                throw ApiError.notFound("user " + userId + " not found");
            }
        }
        long dialogId = ids.next();
        long id = ((Number) commands.send(new StartDialog(dialogId, body.user_ids(), caller.userId())).result())
                .longValue();
        return ResponseEntity.status(id == dialogId ? HttpStatus.CREATED : HttpStatus.OK).body(Map.of("id", id));
    }
}
