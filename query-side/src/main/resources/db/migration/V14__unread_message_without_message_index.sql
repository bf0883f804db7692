-- A deleted message's unread rows are found through the dialog's participants and the primary key
-- (user_id, dialog_id, message_id), so nothing reads unread_message by message_id alone any more, and
-- every posted message wrote an entry into this index.
DROP INDEX unread_message_message;
