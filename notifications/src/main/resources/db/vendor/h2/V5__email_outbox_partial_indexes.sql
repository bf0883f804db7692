-- PostgreSQL's V5 replaces the queue index (status, id) with partial indexes. H2 has no partial
-- indexes and keeps (status, id); this migration only keeps the versions of both the same.
SELECT 1;
