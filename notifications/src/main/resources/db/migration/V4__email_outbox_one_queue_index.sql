-- The sender finds due mails through email_outbox_queue (status, id) since V3, and nothing else asks by
-- (status, next_attempt_at). Every mail is inserted and changes status twice, each time writing an entry
-- into every index of the table: one index fewer to keep.
DROP INDEX IF EXISTS email_outbox_due;
