-- PostgreSQL's V15 makes dialog_message_view_file a partial index. H2 has no partial indexes, so the
-- embedded database keeps the whole one; this migration only keeps the versions of both the same.
SELECT 1;
