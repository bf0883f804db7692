package io.parley.gateway.mail;

import io.parley.gateway.ParleyProperties;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends queued mails on its own thread, so a slow or dead SMTP server never delays a reply or a push.
 * A refused or failed send is retried with a doubling wait; after the last attempt the mail is a dead
 * letter. With no SMTP host configured, mails are written to the log.
 */
@Component
public class EmailSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    /** Far longer than one send may take (the SMTP timeouts are seconds). */
    private static final Duration STUCK = Duration.ofMinutes(5);
    private static final Duration BURIAL_INTERVAL = Duration.ofMinutes(1);
    private static final int BATCH = 100;

    private final EmailOutbox outbox;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final ParleyProperties.Mail settings;
    private final boolean smtpConfigured;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private Thread worker;

    public EmailSender(EmailOutbox outbox, ObjectProvider<JavaMailSender> mailSender, ParleyProperties properties,
                       @Value("${spring.mail.host:}") String smtpHost) {
        this.outbox = outbox;
        this.mailSender = mailSender;
        this.settings = properties.getMail();
        this.smtpConfigured = !smtpHost.isBlank();
    }

    @PostConstruct
    void start() {
        worker = new Thread(this::run, "parley-email-sender");
        worker.setDaemon(true);
        worker.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        wakeUp();
        worker.join(10_000);
    }

    /** New mail is queued: look now rather than at the next poll. */
    public void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void run() {
        Instant nextBurial = Instant.MIN;
        while (running) {
            try {
                // Mails stuck for minutes are looked for once a minute, not on every look at the queue.
                if (Instant.now().isAfter(nextBurial)) {
                    outbox.buryInterrupted(Instant.now().minus(STUCK));
                    nextBurial = Instant.now().plus(BURIAL_INTERVAL);
                }
                // Taken a batch at a time (one statement batch); each is marked sent as soon as it went out,
                // so a node that stops mid-batch leaves at most one mail in doubt.
                List<EmailOutbox.Mail> due = outbox.due(BATCH);
                for (EmailOutbox.Mail mail : outbox.claim(due)) {
                    if (running) {
                        deliver(mail);
                    } else {
                        outbox.release(mail.id());
                    }
                }
                if (due.size() == BATCH) {
                    continue; // more may be due: look again without waiting
                }
            } catch (RuntimeException e) {
                log.warn("email outbox unavailable: {}", e.getMessage());
            }
            synchronized (wake) {
                try {
                    wake.wait(settings.getPollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends the claimed mail; a failed one is queued again or given up on. */
    private void deliver(EmailOutbox.Mail mail) {
        try {
            if (smtpConfigured) {
                send(mail);
            } else {
                log.info("email (no SMTP host configured) to {}: {}\n{}", mail.to(), mail.subject(), mail.text());
            }
            outbox.sent(mail.id());
        } catch (MailException | MessagingException e) {
            int attempt = mail.attempts() + 1;
            if (attempt >= settings.getMaxAttempts()) {
                log.warn("email {} to {} failed {} times, giving up: {}", mail.id(), mail.to(), attempt, e.getMessage());
                outbox.dead(mail.id(), e.getMessage());
            } else {
                Duration wait = backoff(attempt);
                log.info("email {} to {} failed (attempt {}), retrying in {}: {}", mail.id(), mail.to(), attempt, wait,
                         e.getMessage());
                outbox.failed(mail.id(), e.getMessage(), Instant.now().plus(wait));
            }
        }
    }

    private void send(EmailOutbox.Mail mail) throws MessagingException {
        JavaMailSender sender = mailSender.getObject();
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(settings.getFrom());
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        sender.send(message);
    }

    Duration backoff(int attempt) {
        long millis = settings.getRetryInitial().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.getRetryMax().toMillis()));
    }
}
