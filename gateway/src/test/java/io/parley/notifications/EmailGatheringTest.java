package io.parley.notifications;

import io.parley.gateway.support.Await;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSender;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mails that trickle in are claimed together: once a new mail wakes the sender, it waits the gather delay
 * before it claims, so a claim's two transactions serve every mail queued meanwhile instead of one each.
 * A sender of its own, over an outbox table of its own (a schema beside the application's), so that the
 * application's sender takes none of these mails.
 */
class EmailGatheringTest extends ParleyTest {

    @Autowired
    ApplicationContext context;

    @Test
    void mailsQueuedWhileTheSenderGathersShareOneClaim() throws Exception {
        String schema = "gathering_" + System.nanoTime();
        TestDatabase.execute("create schema " + schema);
        TestDatabase.execute("create table " + schema + ".email_outbox (like public.email_outbox including all)");
        DriverManagerDataSource database = new DriverManagerDataSource(TestDatabase.URL + "?currentSchema=" + schema,
                                                                       "postgres", "");
        EmailOutbox outbox = new EmailOutbox(new JdbcTemplate(database), new DataSourceTransactionManager(database));
        EmailProperties settings = new EmailProperties();
        settings.setGatherDelay(Duration.ofSeconds(3));
        settings.setPollInterval(Duration.ofMinutes(1));
        // No SMTP host: the mails are noted in the log and marked sent, one claim at a time.
        EmailSender sender = new EmailSender(outbox, context.getBeanProvider(JavaMailSender.class), settings, "");
        sender.start();
        try {
            // Ten mails 50 ms apart, each waking the sender, as a dialog's notifier does after each commit.
            for (int i = 1; i <= 10; i++) {
                outbox.enqueue(List.of(new EmailOutbox.NewMail(i, 7, "user7@example.org", "mail " + i, "<p>h</p>",
                                                               "t")));
                sender.wakeUp();
                Thread.sleep(50);
            }
            Await.until("the ten mails sent", Duration.ofSeconds(20), () -> TestDatabase.count(
                    "select count(*) from " + schema + ".email_outbox where status = 'sent'") == 10);
            // At most the first mail goes alone (the sender's look at its start may find it), the rest were
            // queued within the three seconds after their first wake.
            assertThat(TestDatabase.count("select count(distinct claim_id) from " + schema + ".email_outbox"))
                    .isBetween(1L, 2L);
        } finally {
            sender.stop();
            TestDatabase.execute("drop schema " + schema + " cascade");
        }
    }
}
