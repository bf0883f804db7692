package io.parley.query.file;

import io.parley.api.file.FileUploaded;
import io.parley.api.file.FindFile;
import io.parley.api.file.StoredFile;
import io.parley.query.ProjectionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FileProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");

    @Autowired
    FileProjection projection;

    @Test
    void anUploadedFileIsFoundById() {
        batch(() -> projection.on(new FileUploaded(90, 1, "cat.png", 1234, "image/png", "stored-90", AT)));

        assertThat(projection.handle(new FindFile(90)))
                .isEqualTo(new StoredFile(90, 1, "cat.png", 1234, "image/png", "stored-90", AT));
        assertThat(projection.handle(new FindFile(91))).isNull();
    }
}
