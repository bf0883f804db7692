-- Each look for due mail claims its mails under one claim id. The sender sends a claim's mails one by
-- one in id order and records each outcome before it starts the next, so of a claim whose node died,
-- only the first mail still 'sending' can have been under way: that one is in doubt (in_doubt, sent
-- again with the same Message-ID), and the others go back to the queue as never sent.
ALTER TABLE email_outbox ADD COLUMN claim_id BIGINT;
ALTER TABLE email_outbox ADD COLUMN in_doubt BOOLEAN DEFAULT FALSE NOT NULL;
