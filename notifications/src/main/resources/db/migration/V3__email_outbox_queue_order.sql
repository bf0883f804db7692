-- The sender takes the oldest pending mails first. Ordered by id within a status, a backlog of any size
-- costs it a few index entries per look instead of reading and sorting every pending row.
CREATE INDEX email_outbox_queue ON email_outbox (status, id);
