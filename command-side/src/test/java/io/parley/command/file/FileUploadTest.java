package io.parley.command.file;

import io.parley.command.CommandTargets;
import io.parley.api.Refusal;
import io.parley.api.file.FileUploaded;
import io.parley.api.file.RegisterUpload;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.parley.command.Refusals.expectRefusal;

class FileUploadTest {

    private AggregateTestFixture<FileUpload> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FileUpload.class);
        // The resolver the aggregates name in production, so these tests go through it too.
        fixture.registerCommandTargetResolver(new CommandTargets());
    }

    @Test
    void anUploadIsRecorded() {
        fixture.givenNoPriorActivity()
               .when(new RegisterUpload(7, 1, "report.pdf", 1234, "application/pdf", "7-abc"))
               .expectEvents(new FileUploaded(7, 1, "report.pdf", 1234, "application/pdf", "7-abc",
                                              fixture.currentTime()));
    }

    @Test
    void anUploadNeedsANameAStoredNameAndASize() {
        expectRefusal(fixture.givenNoPriorActivity().when(new RegisterUpload(7, 1, " ", 1, null, "7-abc")),
                      Refusal.BAD_REQUEST);
        expectRefusal(fixture.givenNoPriorActivity().when(new RegisterUpload(7, 1, "a.txt", 1, null, "")),
                      Refusal.BAD_REQUEST);
        expectRefusal(fixture.givenNoPriorActivity().when(new RegisterUpload(7, 1, "a.txt", -1, null, "7-abc")),
                      Refusal.BAD_REQUEST);
    }
}
