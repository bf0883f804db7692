package io.parley.query.file;

import io.parley.query.support.Micros;

import io.parley.api.file.CanDownloadFile;
import io.parley.api.file.FileUploaded;
import io.parley.api.file.FindFile;
import io.parley.api.file.StoredFile;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** The uploaded files read model, and who may download each. */
@Component
@ProcessingGroup("projections")
public class FileProjection {

    private final FileEntryRepository files;

    public FileProjection(FileEntryRepository files) {
        this.files = files;
    }

    @EventHandler
    void on(FileUploaded event) {
        files.save(new FileEntry(event.fileId(), event.ownerId(), event.name(), event.size(), event.contentType(),
                                 event.storedName(), Micros.of(event.at())));
    }

    @ResetHandler
    void reset() {
        files.deleteAllInBatch();
    }

    @QueryHandler
    public StoredFile handle(FindFile query) {
        return files.findById(query.fileId()).map(FileEntry::toStoredFile).orElse(null);
    }

    @QueryHandler
    public Boolean handle(CanDownloadFile query) {
        StoredFile file = handle(new FindFile(query.fileId()));
        if (file == null) {
            return false;
        }
        return file.ownerId() == query.userId() || files.attachedInDialogOf(query.fileId(), query.userId());
    }
}
