package io.parley.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The query side alone, for its projection tests: read models, projections and their repositories. */
@SpringBootApplication
public class QueryTestApplication {
}
