package org.optline.audience.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.optline.platform.ValidationException;

/**
 * An uploaded CSV copied to disk in one streaming pass that also takes its SHA-256 (kept with the
 * attestation) and counts its records: newlines outside double quotes, so embedded newlines in
 * quoted fields do not count. The file is never held in memory.
 */
public record UploadedFile(Path path, String sha256, long bytes, long records) {

    public static UploadedFile copy(InputStream in, Path target, long maxBytes) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long bytes = 0;
        long newlines = 0;
        boolean quoted = false;
        int last = -1;
        byte[] buffer = new byte[64 * 1024];
        try (var source = new DigestInputStream(in, digest);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            int n;
            while ((n = source.read(buffer)) > 0) {
                bytes += n;
                if (bytes > maxBytes) {
                    throw ValidationException.of("file", "is larger than " + maxBytes / (1024 * 1024) + " MB");
                }
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '"') {
                        quoted = !quoted;
                    } else if (b == '\n' && !quoted) {
                        newlines++;
                    }
                }
                last = buffer[n - 1];
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        if (bytes == 0) {
            Files.deleteIfExists(target);
            throw ValidationException.of("file", "is empty");
        }
        long lines = newlines + (last == '\n' ? 0 : 1);
        return new UploadedFile(target, HexFormat.of().formatHex(digest.digest()), bytes, Math.max(0, lines - 1));
    }
}
