package io.parley.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.TestSmtp;
import io.parley.gateway.support.Tokens;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a node that died mid-claim leaves: its claims' mails still 'sending'. Only the first unsent mail
 * of each claim can have been in an SMTP conversation: it is sent again, with its own Message-ID, and
 * listed as in doubt; the others are sent as any mail is; a mail marked sent is not sent again.
 */
class MailInDoubtTest extends ParleyTest {

    /** A row of a claim taken ten minutes ago, as a dead node leaves it. */
    private static String row(long messageId, long recipient, String status, long claim) {
        return "(" + messageId + ", " + recipient + ", 'user" + recipient + "@example.org', 'left behind', "
               + "'<p>h</p>', 't', '" + status + "', 0, now(), now(), now() - interval '10 minutes', " + claim + ")";
    }

    private static long idOf(long messageId, long recipient) {
        return TestDatabase.count("select id from email_outbox where message_id = " + messageId + " and recipient_id = "
                                  + recipient);
    }

    @Test
    void theFirstUnsentMailOfADeadNodesClaimIsSentAgainAsInDoubtAndTheRestAsUsual() throws Exception {
        long message = Tokens.newUserId() * 1000;
        long[] recipients = {Tokens.newUserId(), Tokens.newUserId(), Tokens.newUserId(), Tokens.newUserId()};
        long claim = System.nanoTime();
        // One statement: a sender's recovery between two inserts would see a claim with only some of its rows.
        TestDatabase.execute("insert into email_outbox (message_id, recipient_id, recipient_email, subject, html, text, "
                             + "status, attempts, next_attempt_at, created_at, claimed_at, claim_id) values "
                             + row(message, recipients[0], "sent", claim) + ", "
                             + row(message, recipients[1], "sending", claim) + ", "
                             + row(message, recipients[2], "sending", claim) + ", "
                             + row(message + 1, recipients[3], "sending", claim + 1));
        long accepted = idOf(message, recipients[0]);
        long underWay = idOf(message, recipients[1]);
        long neverStarted = idOf(message, recipients[2]);
        long otherClaim = idOf(message + 1, recipients[3]);

        for (int i = 1; i < 4; i++) {
            long recipient = recipients[i];
            Await.until("mail to " + recipient, () -> TestSmtp.to("user" + recipient + "@example.org").size() == 1);
        }
        assertThat(TestSmtp.to("user" + recipients[0] + "@example.org")).isEmpty();
        MimeMessage again = TestSmtp.to("user" + recipients[1] + "@example.org").get(0);
        assertThat(again.getMessageID()).isEqualTo("<mail-" + underWay + "." + message + "." + recipients[1]
                                                   + "@parley.local>");
        Await.until("all marked sent", () -> TestDatabase.count(
                "select count(*) from email_outbox where status = 'sent' and message_id in (" + message + ", "
                + (message + 1) + ")") == 4);

        Rest.Download listed = Rest.get(baseUrl() + "/api/admin/emails?status=in_doubt&limit=500",
                                        Tokens.admin(Tokens.newUserId()));
        assertThat(listed.status()).isEqualTo(200);
        List<Long> inDoubt = new ArrayList<>();
        for (JsonNode mail : new ObjectMapper().readTree(listed.body())) {
            assertThat(mail.get("in_doubt").asBoolean()).isTrue();
            inDoubt.add(mail.get("id").asLong());
        }
        assertThat(inDoubt).contains(underWay, otherClaim).doesNotContain(accepted, neverStarted);
    }
}
