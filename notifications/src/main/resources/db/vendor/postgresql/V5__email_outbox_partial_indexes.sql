-- The sender asks for the oldest pending mails. Through (status, id), PostgreSQL chose the primary key
-- instead once a backlog made 'pending' look common: it then walked every sent mail below the first
-- pending one (44 ms a look with 65,000 sent, growing), the sender fell further behind, and so on.
-- Partial indexes hold only the rows of their status, so each look costs a few entries, whatever the
-- table holds: pending by id (the queue), sending by claim time (mails in doubt after a crash), dead by
-- id (the admins' list). A sent mail, most of the table, is in none of them.
DROP INDEX email_outbox_queue;
CREATE INDEX email_outbox_pending ON email_outbox (id) WHERE status = 'pending';
CREATE INDEX email_outbox_sending ON email_outbox (claimed_at) WHERE status = 'sending';
CREATE INDEX email_outbox_dead ON email_outbox (id) WHERE status = 'dead';
