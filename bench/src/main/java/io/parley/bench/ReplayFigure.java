package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Figure 4: every read model rebuilt from a store of at least {@code target} events, through the
 * admin replay API, timed until the projections have caught up with the head again.
 *
 * <p>A million events through the API would take longer than the rest of the benchmark together, so
 * the store is grown with SQL while Parley is stopped: the dialog-message streams the earlier figures
 * wrote are copied under new message ids (same dialogs, same authors, same bodies), and the processors'
 * tokens are moved past the copies, as if Parley had processed them long ago. No email and no push is
 * made of them; the replay then has to build every one of them into the read models.
 */
final class ReplayFigure {

    /** Copies are told apart by message ids this far apart: far above the ids Parley hands out. */
    static final long COPY_STRIDE = 1_000_000_000_000L;

    /**
     * @param finished whether the replay reached the head; if not (the time limit passed), the rate is
     *                 that of the events replayed so far
     */
    record Result(long events, double seconds, double perSecond, long messagesStored, long messagesRebuilt,
                  boolean finished, long replayed) {
    }

    private ReplayFigure() {
    }

    /** Grows the store to at least {@code target} events; Parley must be stopped. Returns the copies made. */
    static int seed(Database database, long target) {
        long stored = database.count("SELECT count(*) FROM domain_event_entry");
        long head = database.count("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
        long template = database.count("SELECT count(*) FROM domain_event_entry "
                                               + "WHERE aggregate_identifier LIKE 'dialog-message-%'");
        if (template == 0) {
            throw new IllegalStateException("no dialog messages to copy: run the dialog figure first");
        }
        int copies = (int) Math.max(0, (target - stored + template - 1) / template);
        String id = "((convert_from(e.payload, 'UTF8')::jsonb ->> 'messageId')::bigint + k * " + COPY_STRIDE + ")";
        for (int from = 1; from <= copies; from += 20) {
            int to = Math.min(copies, from + 19);
            database.execute("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, "
                    + "type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                    + "SELECT gen_random_uuid()::text, 'dialog-message-' || " + id + ", e.sequence_number, e.type, "
                    + "e.time_stamp, e.payload_type, e.payload_revision, "
                    + "convert_to(jsonb_set(convert_from(e.payload, 'UTF8')::jsonb, '{messageId}', to_jsonb(" + id
                    + "))::text, 'UTF8'), e.meta_data "
                    + "FROM generate_series(" + from + ", " + to + ") k CROSS JOIN domain_event_entry e "
                    + "WHERE e.aggregate_identifier LIKE 'dialog-message-%' AND e.global_index <= " + head + " "
                    + "ORDER BY k, e.global_index");
        }
        long newHead = database.count("SELECT max(global_index) FROM domain_event_entry");
        // The processors that do side effects or build read models have "seen" the copies already.
        database.execute("UPDATE token_entry SET token = convert_to(jsonb_set(jsonb_set(convert_from(token, 'UTF8')::jsonb, "
                                 + "'{index}', to_jsonb(" + newHead + "::bigint)), '{gaps}', '[]'::jsonb)::text, 'UTF8') "
                                 + "WHERE token IS NOT NULL");
        database.execute("VACUUM ANALYZE domain_event_entry");
        return copies;
    }

    static Result run(ParleyProcess parley, Database database, java.time.Duration limit) {
        long events = database.count("SELECT count(*) FROM domain_event_entry");
        long started = System.nanoTime();
        Http.post(parley.http() + "/api/admin/projections/replay", Map.of());
        long deadline = started + limit.toNanos();
        long position = 0;
        while (true) {
            for (JsonNode processor : Http.get(parley.http() + "/api/admin/projections")) {
                if (!"projections".equals(processor.path("name").asText())) {
                    continue;
                }
                position = processor.path("position").asLong();
                if (System.nanoTime() > deadline) {
                    // Out of time: the rate so far (global positions and event counts match in a store without holes).
                    double seconds = (System.nanoTime() - started) / 1e9;
                    return new Result(events, seconds, position / seconds, -1, -1, false, position);
                }
                if (!processor.path("replaying").asBoolean() && position >= processor.path("head").asLong()) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    // The replay must have built every message, the copies included.
                    long stored = database.count("SELECT count(*) FROM domain_event_entry "
                                                         + "WHERE payload_type LIKE '%.DialogMessagePosted'");
                    long rebuilt = database.count("SELECT count(*) FROM dialog_message_view");
                    if (rebuilt != stored) {
                        throw new IllegalStateException("replay finished with " + rebuilt + " of " + stored + " messages");
                    }
                    return new Result(events, seconds, events / seconds, stored, rebuilt, true, events);
                }
            }
            ParleyProcess.sleep(100);
        }
    }
}
