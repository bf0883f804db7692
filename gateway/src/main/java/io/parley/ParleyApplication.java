package io.parley;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Parley in one process. It lives in the root package so that component, entity and repository
 * scanning finds the command and query sides, which the gateway only has at runtime.
 */
@SpringBootApplication
@EnableScheduling
public class ParleyApplication {

    public static void main(String[] args) {
        SpringApplication.run(ParleyApplication.class, args);
    }
}
