-- A reader may pass a missing global index only once the transaction that took it has ended (see
-- docs/architecture.md, "Holes"). To know which transactions those can be, an appending transaction
-- must have its transaction id before it takes an index: then any index below one already committed
-- belongs to a transaction whose id is below the next id the reader sees handed out. So the index is
-- no longer an identity column but a default that first makes sure of the transaction's id.
ALTER TABLE domain_event_entry ALTER COLUMN global_index DROP IDENTITY;

CREATE SEQUENCE domain_event_global_index CACHE 1 OWNED BY domain_event_entry.global_index;

DO $$
BEGIN
    PERFORM setval('domain_event_global_index',
                   COALESCE((SELECT max(global_index) FROM domain_event_entry), 0) + 1, false);
END $$;

CREATE FUNCTION parley_next_global_index() RETURNS BIGINT LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_current_xact_id(); -- assigns this transaction its id, if it has none yet
    RETURN nextval('domain_event_global_index');
END $$;

ALTER TABLE domain_event_entry ALTER COLUMN global_index SET DEFAULT parley_next_global_index();
