package org.optline.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Where Optline keeps files ({@link StorageProperties#dataDir()}). Client files live
 * under a directory named by the client id, so no path is ever shared between clients.
 */
@Component
public class DataDirectory {

    private final Path root;

    public DataDirectory(StorageProperties storage) {
        this.root = Path.of(storage.dataDir()).toAbsolutePath().normalize();
    }

    /** {@code <root>/<area>/<clientId>/}, created if missing. */
    public Path forClient(String area, UUID clientId) {
        if (!area.matches("[a-z-]+")) {
            throw new IllegalArgumentException("Bad area " + area);
        }
        Path dir = root.resolve(area).resolve(clientId.toString());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }
}
