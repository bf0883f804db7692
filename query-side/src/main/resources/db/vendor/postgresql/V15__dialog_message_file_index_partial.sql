-- Only messages with an attachment are ever looked up by file_id, and most messages have none: the
-- index keeps just those rows, so posting or replaying a message without a file writes no entry here.
DROP INDEX dialog_message_view_file;
CREATE INDEX dialog_message_view_file ON dialog_message_view (file_id) WHERE file_id IS NOT NULL;
