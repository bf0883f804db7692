package io.parley.gateway.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.user.AssignReviewer;
import io.parley.api.user.FindUser;
import io.parley.api.user.OpenReviewerDialog;
import io.parley.api.user.UserView;
import io.parley.realtime.api.ApiError;
import io.parley.realtime.api.Ids;
import io.parley.gateway.Sides;
import io.parley.gateway.IdAllocator;
import io.parley.realtime.api.RateLimiter;
import io.parley.realtime.api.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The two REST ways into a dialog with a reviewer: a user writes to their reviewer (the dialog is
 * opened on first use), and an admin assigns the reviewer.
 */
@RestController
public class DialogRestController {

    private final Sides sides;
    private final IdAllocator ids;
    private final DialogPosting posting;
    private final DialogJson json;
    private final RateLimiter rateLimiter;

    public DialogRestController(Sides sides, IdAllocator ids, DialogPosting posting, DialogJson json,
                                RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
        this.sides = sides;
        this.ids = ids;
        this.posting = posting;
        this.json = json;
    }

    @PostMapping({"/api/dialogs/new-message/", "/api/dialogs/new-message"})
    @ResponseStatus(HttpStatus.CREATED)
    public DialogJson.Message newMessage(TokenClaims caller, @RequestBody JsonNode body) {
        rateLimiter.requireCreate(caller.userId());
        JsonNode file = body.get("file_id");
        Long fileId = file == null || file.isNull() ? null : Ids.parse("file_id", file);
        JsonNode text = body.get("body");
        if (text != null && !text.isNull() && !text.isTextual()) {
            throw ApiError.badRequest("body must be a string");
        }
        String bodyText = DialogPosting.bodyOf(text == null || text.isNull() ? null : text.asText(), fileId);
        JsonNode nonce = body.get("nonce");
        if (nonce != null && !nonce.isNull() && !nonce.isTextual()) {
            throw ApiError.badRequest("nonce must be a string");
        }
        String nonceText = nonce == null || nonce.isNull() ? null : nonce.asText();
        // All input is checked before the dialog is opened: refused input changes nothing.
        Number dialogId = (Number) sides.send(new OpenReviewerDialog(caller.userId(), ids.next())).result();
        return json.message(posting.post(dialogId.longValue(), caller.userId(), bodyText, fileId, nonceText)
                                   .message());
    }

    @PutMapping("/api/admin/users/{id}/reviewer")
    public Map<String, Object> assignReviewer(TokenClaims caller, @PathVariable("id") long userId,
                                              @RequestBody JsonNode body) {
        caller.requireAdmin();
        JsonNode reviewer = body.get("reviewer_id");
        if (reviewer == null || reviewer.isNull()) {
            throw ApiError.badRequest("reviewer_id is required");
        }
        long reviewerId = Ids.parse("reviewer_id", reviewer);
        for (long id : new long[]{userId, reviewerId}) {
            if (sides.query(new FindUser(id), UserView.class) == null) {
                throw ApiError.notFound("user " + id + " not found");
            }
        }
        sides.send(new AssignReviewer(userId, reviewerId, caller.userId()));
        return Map.of("id", userId, "reviewer_id", reviewerId);
    }
}
