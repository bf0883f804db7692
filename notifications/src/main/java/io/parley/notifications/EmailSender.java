package io.parley.notifications;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Sends queued mails on threads of its own ({@code parley.mail.connections}), so a slow or dead SMTP
 * server never delays a reply or a push. Each thread claims up to a batch of due mails at a time and sends
 * them one by one over its own SMTP connection, recording each outcome as soon as the server answers,
 * before the next mail's conversation starts: a crash leaves at most the one mail under way per
 * connection in doubt, and {@link EmailOutbox#recoverInterrupted} sends those again, with the same
 * Message-ID. Each outcome is a synchronous commit, which waits for the disk: the connections' commits
 * share their flushes, which is what makes several connections faster than one. A refused or failed
 * send is retried with a doubling wait; after the last attempt the mail is a dead letter. With no SMTP
 * host, one thread notes each claim's mails in the log and marks the claim sent at once: nothing was
 * delivered, so nothing can be in doubt.
 */
@Component
public class EmailSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    private static final int BATCH = 50;

    private final EmailOutbox outbox;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final EmailProperties settings;
    private final boolean smtpConfigured;
    private final String messageIdDomain;
    private final Object wake = new Object();
    /** Counts wakes, so that a sender can tell a new mail's wake from the end of its poll interval. */
    private long wakes;
    private volatile boolean running = true;
    private final List<Thread> workers = new ArrayList<>();

    public EmailSender(EmailOutbox outbox, ObjectProvider<JavaMailSender> mailSender, EmailProperties properties,
                       @Value("${spring.mail.host:}") String smtpHost) {
        this.outbox = outbox;
        this.mailSender = mailSender;
        this.settings = properties;
        this.smtpConfigured = !smtpHost.isBlank();
        this.messageIdDomain = domainOf(settings.getFrom());
    }

    @PostConstruct
    void start() {
        // With no SMTP host a claim is noted in the log and marked at once: one thread keeps up.
        int threads = smtpConfigured ? settings.getConnections() : 1;
        for (int i = 0; i < threads; i++) {
            // One of them also looks for the claims of stopped nodes.
            boolean recovers = i == 0;
            Thread worker = new Thread(() -> run(recovers), "parley-email-sender-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** Before the database closes: Spring destroys this bean before the outbox and the data source it uses. */
    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        wakeUp();
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Thread worker : workers) {
            worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (worker.isAlive()) {
                log.warn("the email sender is still sending after 10 s; Parley stops without waiting for it");
                return;
            }
        }
    }

    /** New mail is queued: look now rather than at the next poll. */
    public void wakeUp() {
        synchronized (wake) {
            wakes++;
            wake.notifyAll();
        }
    }

    private void run(boolean recovers) {
        Instant nextRecovery = Instant.MIN;
        Duration claimTimeout = settings.getClaimTimeout();
        // Claims are looked at a few times per timeout, not on every look at the queue.
        Duration recoveryInterval = claimTimeout.dividedBy(4);
        while (running) {
            long wakesSeen = wakesSoFar();
            try {
                if (recovers && Instant.now().isAfter(nextRecovery)) {
                    int inDoubt = outbox.recoverInterrupted(Instant.now().minus(claimTimeout));
                    if (inDoubt > 0) {
                        log.warn("{} emails were under way when a node stopped; they are sent again with the same "
                                 + "Message-ID (GET /api/admin/emails?status=in_doubt)", inDoubt);
                    }
                    nextRecovery = Instant.now().plus(recoveryInterval);
                }
                List<EmailOutbox.Mail> due = outbox.takeDue(BATCH);
                if (!due.isEmpty()) {
                    deliver(due, Instant.now().plus(claimTimeout.dividedBy(2)));
                }
                if (due.size() == BATCH) {
                    continue; // more may be due: look again without waiting
                }
            } catch (RuntimeException e) {
                log.warn("email outbox unavailable: {}", e.getMessage());
            }
            try {
                if (awaitWake(wakesSeen) && running) {
                    // Mails queued while it gathers share the claim's two transactions.
                    Thread.sleep(settings.getGatherDelay().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long wakesSoFar() {
        synchronized (wake) {
            return wakes;
        }
    }

    /**
     * Waits for a wake or the poll interval's end; true when a wake came since {@code seen}, also one that came
     * while this thread was sending (then it does not wait).
     */
    private boolean awaitWake(long seen) throws InterruptedException {
        synchronized (wake) {
            if (wakes == seen) {
                wake.wait(settings.getPollInterval().toMillis());
            }
            return wakes != seen;
        }
    }

    /**
     * Sends the claimed mails one by one, each outcome recorded before the next starts. Past
     * {@code startBefore} (half the claim timeout after the claim), or when stopping, the mails not yet
     * started go back to the queue, so no claim is still worked on when other nodes take it for a
     * stopped node's.
     */
    private void deliver(List<EmailOutbox.Mail> mails, Instant startBefore) {
        if (!smtpConfigured) {
            mails.forEach(EmailSender::noteInLog);
            outbox.sent(mails.stream().map(EmailOutbox.Mail::id).toList());
            return;
        }
        try (SmtpConnection connection = new SmtpConnection()) {
            for (int i = 0; i < mails.size(); i++) {
                if (!running || Instant.now().isAfter(startBefore)) {
                    outbox.release(mails.subList(i, mails.size()).stream().map(EmailOutbox.Mail::id).toList());
                    return;
                }
                EmailOutbox.Mail mail = mails.get(i);
                try {
                    connection.send(mail);
                } catch (MessagingException | MailException e) {
                    failed(mail, e);
                    continue;
                }
                outbox.sent(mail.id());
            }
        }
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

    /** With no SMTP host: the mail goes to the log, in one line; its whole text only at DEBUG (a few kilobytes). */
    private static void noteInLog(EmailOutbox.Mail mail) {
        log.info("email {} to {}: {} (no SMTP host: noted here, not delivered)", mail.id(), mail.to(), mail.subject());
        log.debug("email {} text:\n{}", mail.id(), mail.text());
    }

    /**
     * One SMTP connection for a claim's mails, opened at the first mail and opened again after one that
     * broke it.
     */
    private final class SmtpConnection implements AutoCloseable {

        private final JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender.getObject();
        private Transport transport;

        void send(EmailOutbox.Mail mail) throws MessagingException {
            MimeMessage message = compose(sender.getSession(), mail);
            if (transport == null || !transport.isConnected()) {
                close();
                transport = sender.getSession().getTransport(sender.getProtocol());
                transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
            }
            transport.sendMessage(message, message.getAllRecipients());
        }

        @Override
        public void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    log.debug("closing the SMTP connection failed: {}", e.getMessage());
                }
                transport = null;
            }
        }
    }

    private MimeMessage compose(Session session, EmailOutbox.Mail mail) throws MessagingException {
        MimeMessage message = new OutboxMessage(session, mail.messageIdHeader(messageIdDomain));
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(settings.getFrom());
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        message.setSentDate(new Date());
        message.saveChanges();
        return message;
    }

    /** A mail that keeps the Message-ID given to it (JavaMail would make a new one for every send). */
    private static final class OutboxMessage extends MimeMessage {

        private final String messageId;

        OutboxMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /** The domain of the sender address, for Message-IDs: {@code Parley <noreply@parley.local>} gives parley.local. */
    static String domainOf(String from) {
        int at = from.lastIndexOf('@');
        String domain = at < 0 ? "" : from.substring(at + 1).replace(">", "").trim();
        return domain.isEmpty() ? "parley.local" : domain;
    }

    Duration backoff(int attempt) {
        long millis = settings.getRetryInitial().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.getRetryMax().toMillis()));
    }
}
