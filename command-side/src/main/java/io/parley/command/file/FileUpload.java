package io.parley.command.file;

import io.parley.api.AggregateIds;
import io.parley.api.Refusal;
import io.parley.api.file.FileUploaded;
import io.parley.api.file.RegisterUpload;
import io.parley.command.Clock;
import io.parley.command.Texts;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An uploaded file: who uploaded it, what it is called, where its bytes are. */
@Aggregate(commandTargetResolver = "commandTargets")
public class FileUpload {

    @AggregateIdentifier
    private String id;

    protected FileUpload() {
        // for Axon
    }

    @CommandHandler
    public FileUpload(RegisterUpload command) {
        Texts.required("name", command.name(), 255);
        Texts.required("stored name", command.storedName(), 255);
        if (command.size() < 0) {
            throw Refusal.badRequest("size must not be negative");
        }
        apply(new FileUploaded(command.fileId(), command.ownerId(), command.name(), command.size(),
                               command.contentType(), command.storedName(), Clock.now()));
    }

    @EventSourcingHandler
    void on(FileUploaded event) {
        id = AggregateIds.file(event.fileId());
    }
}
