package io.parley.gateway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * New ids for users, dialogs and messages: integers unique across nodes and far below 2^53. Each
 * node takes a block of {@value #BLOCK} from the database sequence and hands it out from memory.
 */
@Component
public class IdAllocator {

    /** Must equal the sequence's INCREMENT BY. */
    static final int BLOCK = 50;

    private final JdbcTemplate jdbc;
    private long next;
    private long end;

    public IdAllocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public synchronized long next() {
        if (next >= end) {
            Long start = jdbc.queryForObject("select nextval('parley_id_seq')", Long.class);
            next = start;
            end = start + BLOCK;
        }
        return next++;
    }
}
