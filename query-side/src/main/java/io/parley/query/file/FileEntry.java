package io.parley.query.file;

import io.parley.api.dialog.FileView;
import io.parley.api.file.StoredFile;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "file_view")
public class FileEntry {

    @Id
    private long id;
    private long ownerId;
    private String name;
    private long size;
    private String contentType;
    private String storedName;
    private Instant createdAt;

    protected FileEntry() {
    }

    FileEntry(long id, long ownerId, String name, long size, String contentType, String storedName,
              Instant createdAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.name = name;
        this.size = size;
        this.contentType = contentType;
        this.storedName = storedName;
        this.createdAt = createdAt;
    }

    public FileView toView() {
        return new FileView(id, createdAt, name, size, contentType);
    }

    public StoredFile toStoredFile() {
        return new StoredFile(id, ownerId, name, size, contentType, storedName, createdAt);
    }
}
