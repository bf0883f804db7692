package io.parley.notifications;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The email_outbox table: what is to be sent, what was, and what was given up on. */
@Component
public class EmailOutbox {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String DEAD = "dead";
    /** Not a status: the mails a crash left in doubt (see {@link #recoverInterrupted}). */
    public static final String IN_DOUBT = "in_doubt";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /**
     * Where the next look for due mail starts: one past the last mail taken. The index of pending mail
     * keeps an entry for every mail it ever held until a vacuum clears it, so a look from the start walks
     * past all of those (19 ms with 200,000 sent mails where nothing vacuums; 0.2 ms from the floor).
     * Mail behind the floor (a retry come due, a mail whose transaction committed after a later one was
     * taken) is found by a look from the start, one every 5 seconds: such mail may wait that much longer.
     */
    private final AtomicLong floor = new AtomicLong();
    private volatile long lastLookFromStart = System.nanoTime();
    private static final long LOOK_FROM_START_EVERY_NANOS = 5_000_000_000L;

    public EmailOutbox(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public record Mail(long id, long messageId, long recipientId, String to, String subject, String html, String text,
                       int attempts) {

        /** The mail's Message-ID: its outbox row's, so that a copy sent again reads as the same mail. */
        public String messageIdHeader(String domain) {
            return "<mail-" + id + "." + messageId + "." + recipientId + "@" + domain + ">";
        }
    }

    /** A mail to queue for one recipient of one message. */
    public record NewMail(long messageId, long recipientId, String to, String subject, String html, String text) {
    }

    /**
     * Queues each mail once per message and recipient, all in one statement batch (on PostgreSQL, rewritten
     * into multi-row inserts); a mail already queued for the same pair is left as it is.
     */
    public void enqueue(List<NewMail> mails) {
        if (mails.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("""
                insert into email_outbox (message_id, recipient_id, recipient_email, subject, html, text, status,
                                          attempts, next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) on conflict do nothing""",
                         mails, mails.size(), (ps, mail) -> {
            ps.setLong(1, mail.messageId());
            ps.setLong(2, mail.recipientId());
            ps.setString(3, mail.to());
            ps.setString(4, mail.subject());
            ps.setString(5, mail.html());
            ps.setString(6, mail.text());
            ps.setTimestamp(7, now);
            ps.setTimestamp(8, now);
        });
    }

    /**
     * Takes up to {@code max} due mails for sending, oldest first from where the last look ended (see
     * {@code floor}): one select and one update, in one transaction. The select locks the rows it answers
     * and skips rows another node has locked, so two nodes never take the same mail.
     */
    public List<Mail> takeDue(int max) {
        // On PostgreSQL every execution is planned for the table as it is then (plan_cache_mode in
        // application-postgres.yml): a generic plan made on the empty outbox had read and sorted every
        // pending row for each look, and scanned the whole table for each update by ids.
        long started = System.nanoTime();
        long from = floor.get();
        if (from > 0 && started - lastLookFromStart > LOOK_FROM_START_EVERY_NANOS) {
            from = 0;
        }
        if (from == 0) {
            lastLookFromStart = started;
        }
        long lookFrom = from;
        List<Mail> taken = transactions.execute(tx -> {
            List<Mail> due = jdbc.query("""
                    select id, message_id, recipient_id, recipient_email, subject, html, text, attempts from email_outbox
                    where status = 'pending' and id >= ? and next_attempt_at <= ? order by id limit ?
                    for update skip locked""",
                                        (rs, i) -> new Mail(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                                                            rs.getString(5), rs.getString(6), rs.getString(7),
                                                            rs.getInt(8)),
                                        lookFrom, Timestamp.from(Instant.now()), max);
            if (!due.isEmpty()) {
                long claim = ThreadLocalRandom.current().nextLong();
                updateAll("status = 'sending', claim_id = " + claim + ", claimed_at = ?",
                          due.stream().map(Mail::id).toList());
            }
            return due;
        });
        if (!taken.isEmpty()) {
            floor.accumulateAndGet(taken.get(taken.size() - 1).id() + 1, Math::max);
        }
        return taken;
    }

    /**
     * The SMTP server accepted this mail. Committed (and on disk) before the sender starts the next
     * mail's conversation: what a crash leaves in doubt is at most the one mail under way.
     */
    public void sent(long id) {
        jdbc.update("update email_outbox set status = 'sent', sent_at = ?, attempts = attempts + 1 where id = ?",
                    Timestamp.from(Instant.now()), id);
    }

    /** Mails that reached no one but the log: nothing about them can be in doubt, so a claim is marked at once. */
    public void sent(List<Long> ids) {
        if (!ids.isEmpty()) {
            updateAll("status = 'sent', sent_at = ?, attempts = attempts + 1", ids);
        }
    }

    /** Claimed mails whose conversation never started go back to the queue as they were. */
    public void release(List<Long> ids) {
        if (!ids.isEmpty()) {
            updateAll("status = 'pending', next_attempt_at = ?", ids);
        }
    }

    /** One statement for all these mails; the assignments take the current time as their one parameter. */
    private void updateAll(String assignments, List<Long> ids) {
        jdbc.update(con -> {
            PreparedStatement update = con.prepareStatement(
                    "update email_outbox set " + assignments + " where id = any(?)");
            update.setTimestamp(1, Timestamp.from(Instant.now()));
            update.setArray(2, con.createArrayOf("bigint", ids.toArray()));
            return update;
        });
    }

    public void failed(long id, String error, Instant retryAt) {
        jdbc.update("""
                update email_outbox set status = 'pending', attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                where id = ?""", truncate(error), Timestamp.from(retryAt), id);
    }

    public void dead(long id, String error) {
        jdbc.update("update email_outbox set status = 'dead', attempts = attempts + 1, last_error = ? where id = ?",
                    truncate(error), id);
    }

    /**
     * The claims left in 'sending' longer than any claim is worked on belong to a node that stopped
     * mid-claim. Their mails were sent one at a time in id order, each outcome recorded before the next
     * began: so the first of each claim still 'sending' may have been under way (in doubt: sent again,
     * with the same Message-ID, and marked so), and the others never started (queued again as they were).
     * Answers how many mails were in doubt.
     */
    public int recoverInterrupted(Instant claimedBefore) {
        Timestamp before = Timestamp.from(claimedBefore);
        Integer inDoubt = transactions.execute(tx -> {
            int doubted = jdbc.update("""
                    update email_outbox set in_doubt = true where id in (
                        select min(id) from email_outbox where status = 'sending' and claimed_at < ? group by claim_id)""",
                                      before);
            jdbc.update("""
                    update email_outbox set status = 'pending', next_attempt_at = ?
                    where status = 'sending' and claimed_at < ?""", Timestamp.from(Instant.now()), before);
            return doubted;
        });
        return inDoubt == null ? 0 : inDoubt;
    }

    /** Puts a dead letter back in the queue; false when there is no such dead letter. */
    public boolean retry(long id) {
        return jdbc.update("""
                update email_outbox set status = 'pending', attempts = 0, next_attempt_at = ? where id = ? and status = 'dead'""",
                           Timestamp.from(Instant.now()), id) == 1;
    }

    /** The mails of one status, or with {@link #IN_DOUBT} those a crash left in doubt, whatever their status. */
    public List<Map<String, Object>> list(String status, int limit, int offset) {
        String columns = "id, message_id, recipient_id, recipient_email, subject, status, attempts, last_error, "
                         + "created_at, sent_at, in_doubt";
        if (IN_DOUBT.equals(status)) {
            return jdbc.queryForList("select " + columns + " from email_outbox where in_doubt order by id limit ? offset ?",
                                     limit, offset);
        }
        return jdbc.queryForList("select " + columns + " from email_outbox where status = ? order by id limit ? offset ?",
                                 status, limit, offset);
    }

    public long count(String status) {
        Long count = jdbc.queryForObject("select count(*) from email_outbox where status = ?", Long.class, status);
        return count == null ? 0 : count;
    }

    private static String truncate(String error) {
        if (error == null) {
            return null;
        }
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }
}
