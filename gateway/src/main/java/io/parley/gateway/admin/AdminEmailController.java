package io.parley.gateway.admin;

import io.parley.realtime.api.ApiError;
import io.parley.notifications.EmailOutbox;
import io.parley.notifications.EmailSender;
import org.springframework.beans.factory.ObjectProvider;
import io.parley.realtime.api.TokenClaims;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The admin's view of notification emails: the dead letters and the mails a crash left in doubt, and a way to send a dead letter again. */
@RestController
public class AdminEmailController {

    private static final Set<String> STATUSES = Set.of(EmailOutbox.PENDING, EmailOutbox.SENDING, EmailOutbox.SENT,
                                                       EmailOutbox.DEAD, EmailOutbox.IN_DOUBT);

    private final EmailOutbox outbox;
    /** Absent where this process does not send mail (parley.roles without query): the sender polls the outbox. */
    private final ObjectProvider<EmailSender> sender;

    public AdminEmailController(EmailOutbox outbox, ObjectProvider<EmailSender> sender) {
        this.outbox = outbox;
        this.sender = sender;
    }

    @GetMapping("/api/admin/emails")
    public List<Map<String, Object>> list(TokenClaims caller,
                                          @RequestParam(value = "status", defaultValue = EmailOutbox.DEAD) String status,
                                          @RequestParam(value = "limit", defaultValue = "50") int limit,
                                          @RequestParam(value = "offset", defaultValue = "0") int offset) {
        caller.requireAdmin();
        if (!STATUSES.contains(status) || limit < 1 || limit > 500 || offset < 0) {
            throw ApiError.badRequest("status is pending, sending, sent, dead or in_doubt; limit 1 to 500; offset 0 or more");
        }
        return outbox.list(status, limit, offset);
    }

    @PostMapping("/api/admin/emails/{id}/retry")
    public Map<String, Object> retry(TokenClaims caller, @PathVariable("id") long id) {
        caller.requireAdmin();
        if (!outbox.retry(id)) {
            throw ApiError.notFound("no dead letter " + id);
        }
        sender.ifAvailable(EmailSender::wakeUp);
        return Map.of("id", id, "status", EmailOutbox.PENDING);
    }

}
