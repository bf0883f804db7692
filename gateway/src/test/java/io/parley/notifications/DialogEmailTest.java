package io.parley.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.TestSmtp;
import io.parley.gateway.support.Tokens;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One email per dialog message and recipient, over real SMTP (GreenMail). */
class DialogEmailTest extends ParleyTest {

    static String email(long user) {
        return "user" + user + "@example.org";
    }

    static long outboxRows(long messageId, String condition) {
        return TestDatabase.count("select count(*) from email_outbox where message_id = " + messageId + " and "
                                          + condition);
    }

    @Test
    void eachOtherParticipantWithNotificationsOnGetsOneEmail() throws Exception {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        long c = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b); SocketClient carol = connect(c)) {
            alice.request("users.settings.edit", Map.of("first_name", "Alice", "last_name", "Liddell"));
            carol.request("users.settings.edit", Map.of("email_notifications", false));
            long dialog = startDialog(a, b, c);

            long messageId = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog,
                                                                             "body", "**Tea** <script>x</script>"))
                                  .get("data").get("id").asLong();
            Await.until("bob's email", () -> TestSmtp.to(email(b)).size() == 1);
            MimeMessage mail = TestSmtp.to(email(b)).get(0);
            assertThat(mail.getSubject()).isEqualTo("New message from Alice Liddell");
            String html = part(mail, "text/html");
            assertThat(html).contains("<strong>Tea</strong>")
                            .contains("&lt;script&gt;")
                            .doesNotContain("<script>")
                            .contains("https://chat.example.org/dialogs/" + dialog);
            assertThat(part(mail, "text/plain")).contains("**Tea**");

            // Rows for the whole message are queued in one go: carol (notifications off) and alice (the
            // sender) have none.
            assertThat(outboxRows(messageId, "recipient_id = " + c)).isZero();
            assertThat(outboxRows(messageId, "recipient_id = " + a)).isZero();
            Await.until("sent", () -> outboxRows(messageId, "status = 'sent'") == 1);

            // A later mail to bob arriving proves nothing else was on its way: still one for the first message.
            alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "second"));
            Await.until("bob's second email", () -> TestSmtp.to(email(b)).size() == 2);
            assertThat(TestSmtp.to(email(c))).isEmpty();
            assertThat(TestSmtp.to(email(a))).isEmpty();
        }
    }

    @Test
    void messagesPostedAtTheSameTimeInSeveralDialogsEachMailTheirOwnTextFromTheirOwnAuthor() throws Exception {
        // Three authors post at once, so the email processor gets their messages mixed in its batches.
        int authors = 3;
        int perAuthor = 5;
        long[] author = new long[authors];
        long[] reader = new long[authors];
        List<SocketClient> sockets = new ArrayList<>();
        try {
            List<Thread> posting = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < authors; i++) {
                author[i] = Tokens.newUserId();
                reader[i] = Tokens.newUserId();
                SocketClient client = connect(author[i]);
                sockets.add(client);
                sockets.add(connect(reader[i]));
                client.request("users.settings.edit", Map.of("first_name", "Author" + i));
                long dialog = startDialog(author[i], reader[i]);
                int n = i;
                posting.add(new Thread(() -> {
                    try {
                        for (int k = 0; k < perAuthor; k++) {
                            client.request("dialogs.messages.create", Map.of("dialog_id", dialog,
                                                                             "body", "from " + n + " number _" + k + "_"));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            posting.forEach(Thread::start);
            for (Thread t : posting) {
                t.join();
            }
            assertThat(failures).isEmpty();

            for (int i = 0; i < authors; i++) {
                long r = reader[i];
                Await.until("reader " + i + "'s emails", () -> TestSmtp.to(email(r)).size() == perAuthor);
                List<String> texts = new ArrayList<>();
                for (MimeMessage mail : TestSmtp.to(email(r))) {
                    assertThat(mail.getSubject()).isEqualTo("New message from Author" + i);
                    texts.add(part(mail, "text/html"));
                }
                for (int k = 0; k < perAuthor; k++) {
                    String body = "from " + i + " number <em>" + k + "</em>";
                    assertThat(texts).as("reader %d's mail for message %d", i, k)
                                     .filteredOn(t -> t.contains(body)).hasSize(1);
                }
                assertThat(TestSmtp.to(email(author[i]))).isEmpty();
            }
        } finally {
            sockets.forEach(SocketClient::close);
        }
    }

    @Test
    void whileSmtpIsDownRepliesAndPushesGoOnAndTheMailArrivesOnceAfterwards() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            TestSmtp.stop();
            long messageId;
            try {
                JsonNode reply = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "ping?"));
                messageId = reply.get("data").get("id").asLong();
                assertThat(bob.awaitEvent("dialogs.messages.create").get("data").get("id").asLong()).isEqualTo(messageId);
                // The sender tried, failed, and keeps the mail for a retry.
                Await.until("a failed attempt", () -> outboxRows(messageId, "attempts >= 1 and status = 'pending'") == 1);
            } finally {
                TestSmtp.start();
            }
            Await.until("bob's email after recovery", () -> TestSmtp.to(email(b)).size() == 1);
            Await.until("marked sent", () -> outboxRows(messageId, "status = 'sent'") == 1);
            // A later mail to bob proves no second copy of the first one was on its way.
            alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "pong"));
            Await.until("bob's second email", () -> TestSmtp.to(email(b)).size() == 2);
        }
    }

    @Test
    void deadLettersAreListedAndRetriedByAnAdmin() {
        String admin = Tokens.admin(Tokens.newUserId());
        assertThat(Rest.get(baseUrl() + "/api/admin/emails", Tokens.forUser(Tokens.newUserId())).status()).isEqualTo(403);
        assertThat(Rest.get(baseUrl() + "/api/admin/emails?status=lost", admin).status()).isEqualTo(400);
        assertThat(Rest.postJson(baseUrl() + "/api/admin/emails/999999999/retry", Map.of(), admin).status())
                .isEqualTo(404);

        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            long messageId = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "hello"))
                                  .get("data").get("id").asLong();
            Await.until("sent", () -> outboxRows(messageId, "status = 'sent'") == 1);
            long rowId = TestDatabase.count("select id from email_outbox where message_id = " + messageId);
            // Make it a dead letter, as the sender does after the last failed attempt.
            TestDatabase.execute("update email_outbox set status = 'dead', last_error = 'test' where id = " + rowId);
            Rest.Download listed = Rest.get(baseUrl() + "/api/admin/emails?status=dead", admin);
            assertThat(listed.status()).isEqualTo(200);
            assertThat(new String(listed.body())).contains("\"id\":" + rowId);
            assertThat(Rest.postJson(baseUrl() + "/api/admin/emails/" + rowId + "/retry", Map.of(), admin).status())
                    .isEqualTo(200);
            Await.until("resent", () -> TestSmtp.to(email(b)).size() == 2);
        }
    }

    @Autowired
    EmailOutbox outbox;

    @Test
    void twoSendersTakingMailsAtOnceNeverTakeTheSameOne() throws Exception {
        // Mails of messages no dialog has (negative ids), queued directly: as two nodes' senders would,
        // two takers empty the queue at the same time. This node's own sender may take some as well.
        long firstMessage = -1_000_000 - Tokens.newUserId() * 1_000;
        List<EmailOutbox.NewMail> mails = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            mails.add(new EmailOutbox.NewMail(firstMessage - i, 1, "nobody@example.org", "s", "<p>h</p>", "t"));
        }
        outbox.enqueue(mails);
        outbox.enqueue(mails.subList(0, 10)); // queued once per message and recipient
        String ours = "message_id <= " + firstMessage + " and message_id > " + (firstMessage - 300);
        assertThat(TestDatabase.count("select count(*) from email_outbox where " + ours)).isEqualTo(300);
        try {
            List<List<Long>> taken = List.of(new java.util.concurrent.CopyOnWriteArrayList<>(),
                                             new java.util.concurrent.CopyOnWriteArrayList<>());
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Thread> takers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (List<Long> mine : taken) {
                Thread taker = new Thread(() -> {
                    try {
                        start.await();
                        while (TestDatabase.count("select count(*) from email_outbox where " + ours
                                                          + " and status = 'pending'") > 0) {
                            outbox.takeDue(7).stream().filter(m -> m.messageId() <= firstMessage)
                                  .forEach(m -> mine.add(m.id()));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                taker.start();
                takers.add(taker);
            }
            start.countDown();
            for (Thread taker : takers) {
                taker.join(60_000);
            }
            assertThat(failures).isEmpty();
            assertThat(taken.get(0)).isNotEmpty().doesNotContainAnyElementsOf(taken.get(1));
            assertThat(taken.get(1)).isNotEmpty();
            // Whatever the two took is marked as being sent, and nothing of ours is left pending.
            for (List<Long> mine : taken) {
                for (long id : mine) {
                    assertThat(TestDatabase.count("select count(*) from email_outbox where id = " + id
                                                          + " and status = 'sending'")).isEqualTo(1);
                }
            }
            assertThat(TestDatabase.count("select count(*) from email_outbox where " + ours
                                                  + " and status = 'pending'")).isZero();
        } finally {
            TestDatabase.execute("delete from email_outbox where " + ours);
        }
    }

    @Test
    void aMailBackInTheQueueBehindLaterOnesIsStillSent() {
        // Looks for due mail start past the last mail taken; one that is pending again behind that point
        // (here a retry come due) must still be found.
        long message = -2_000_000 - Tokens.newUserId() * 1_000;
        String first = "first" + message + "@example.org";
        String later = "later" + message + "@example.org";
        try {
            outbox.enqueue(List.of(new EmailOutbox.NewMail(message, 1, first, "s", "<p>h</p>", "t")));
            Await.until("the first mail sent", () -> TestSmtp.to(first).size() == 1);
            List<EmailOutbox.NewMail> laterMails = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                laterMails.add(new EmailOutbox.NewMail(message - i, 1, later, "s", "<p>h</p>", "t"));
            }
            outbox.enqueue(laterMails);
            Await.until("the later mails sent", () -> TestSmtp.to(later).size() == 5);
            long firstId = TestDatabase.count("select id from email_outbox where message_id = " + message);
            outbox.failed(firstId, "test: sent again", java.time.Instant.now());
            Await.until("the first mail sent again", () -> TestSmtp.to(first).size() == 2);
            Await.until("marked sent again", () -> TestDatabase.count(
                    "select count(*) from email_outbox where message_id = " + message + " and status = 'sent'") == 1);
        } finally {
            TestDatabase.execute("delete from email_outbox where message_id <= " + message + " and message_id > "
                                 + (message - 10));
        }
    }

    static String part(MimeMessage mail, String type) throws Exception {
        return find(mail.getContent(), type);
    }

    private static String find(Object content, String type) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return part.getContent().toString();
                }
                String nested = find(part.getContent(), type);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
