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
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends queued mails on its own thread, so a slow or dead SMTP server never delays a reply or a push.
 * A refused or failed send is retried with a doubling wait; after the last attempt the mail is a dead
 * letter. With no SMTP host configured, mails are written to the log.
 */
@Component
public class EmailSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    /** Far longer than sending one batch may take (the SMTP timeouts are seconds). */
    private static final Duration STUCK = Duration.ofMinutes(5);
    private static final Duration BURIAL_INTERVAL = Duration.ofMinutes(1);
    private static final int BATCH = 50;

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

    /** Before the database closes: Spring destroys this bean before the outbox and the data source it uses. */
    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        wakeUp();
        worker.join(10_000);
        if (worker.isAlive()) {
            log.warn("the email sender is still sending after 10 s; Parley stops without waiting for it");
        }
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
                // A batch at a time: taken in one transaction, sent over one SMTP connection, marked sent
                // in one statement. A node that stops mid-batch leaves that batch in doubt: its mails stay
                // 'sending' and become dead letters (see EmailOutbox.buryInterrupted).
                List<EmailOutbox.Mail> due = outbox.takeDue(BATCH);
                if (!due.isEmpty()) {
                    deliver(due);
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

    /** Sends the claimed mails; a failed one is queued again or given up on. */
    private void deliver(List<EmailOutbox.Mail> mails) {
        Map<EmailOutbox.Mail, Exception> failures = smtpConfigured ? send(mails) : logged(mails);
        outbox.sent(mails.stream().filter(m -> !failures.containsKey(m)).map(EmailOutbox.Mail::id).toList());
        failures.forEach(this::failed);
    }

    private void failed(EmailOutbox.Mail mail, Exception e) {
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

    private Map<EmailOutbox.Mail, Exception> logged(List<EmailOutbox.Mail> mails) {
        // One line each; the whole text only at DEBUG (a mail is a few kilobytes).
        for (EmailOutbox.Mail mail : mails) {
            log.info("email {} to {}: {} (no SMTP host: noted here, not delivered)", mail.id(), mail.to(),
                     mail.subject());
            log.debug("email {} text:\n{}", mail.id(), mail.text());
        }
        return Map.of();
    }

    /** Sends over one SMTP connection; answers the mails that failed, with why. */
    private Map<EmailOutbox.Mail, Exception> send(List<EmailOutbox.Mail> mails) {
        JavaMailSender sender = mailSender.getObject();
        Map<EmailOutbox.Mail, Exception> failures = new HashMap<>();
        Map<MimeMessage, EmailOutbox.Mail> composed = new IdentityHashMap<>();
        for (EmailOutbox.Mail mail : mails) {
            try {
                composed.put(compose(sender, mail), mail);
            } catch (MessagingException e) {
                failures.put(mail, e);
            }
        }
        if (composed.isEmpty()) {
            return failures;
        }
        try {
            sender.send(composed.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // Lists exactly the messages that did not go out (all of them when no connection was made).
            e.getFailedMessages().forEach((message, why) -> failures.put(composed.get(message), why));
            if (e.getFailedMessages().isEmpty()) {
                composed.values().forEach(mail -> failures.put(mail, e));
            }
        } catch (MailException e) {
            composed.values().forEach(mail -> failures.put(mail, e));
        }
        return failures;
    }

    private MimeMessage compose(JavaMailSender sender, EmailOutbox.Mail mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(settings.getFrom());
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        return message;
    }

    Duration backoff(int attempt) {
        long millis = settings.getRetryInitial().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.getRetryMax().toMillis()));
    }
}
