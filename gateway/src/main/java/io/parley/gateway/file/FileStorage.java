package io.parley.gateway.file;

import io.parley.gateway.ParleyProperties;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Uploaded bytes on disk. A stored name is made here from the file id and a random part: nothing the
 * client sends ever becomes part of a path.
 */
@Component
public class FileStorage {

    private final Path dir;

    public FileStorage(ParleyProperties properties) {
        this.dir = Path.of(properties.getFiles().getDir()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the files directory " + dir, e);
        }
    }

    /** Stores the bytes; answers the stored name. */
    public String store(long fileId, InputStream content) throws IOException {
        String storedName = fileId + "-" + UUID.randomUUID();
        Path temporary = dir.resolve(storedName + ".part");
        Files.copy(content, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, dir.resolve(storedName), StandardCopyOption.ATOMIC_MOVE);
        return storedName;
    }

    public Path path(String storedName) {
        Path path = dir.resolve(storedName).normalize();
        if (!path.getParent().equals(dir)) {
            throw new IllegalArgumentException("not a stored name: " + storedName);
        }
        return path;
    }

    public void delete(String storedName) {
        try {
            Files.deleteIfExists(path(storedName));
        } catch (IOException e) {
            // an orphan file costs disk only
        }
    }
}
