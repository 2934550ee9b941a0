package org.optline.platform.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.optline.platform.SecretBox;
import org.optline.platform.StorageProperties;
import org.optline.platform.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the secrets key comes from: {@code OPTLINE_SECRETS_KEY} (base64 of 32 bytes) when set,
 * otherwise the file {@code secrets.key} in the data directory, made on the first start. The
 * database keeps a value sealed with the key (the check), so a node started with another key
 * than the one the database was sealed with refuses to start, with a message saying so, instead
 * of failing later in a send.
 */
@Configuration
class SecretsKeyConfig {

    private static final Logger log = LoggerFactory.getLogger(SecretsKeyConfig.class);
    static final String CHECK_NAME = "secrets-key-check";
    private static final String CHECK_CONTEXT = "platform_secrets:" + CHECK_NAME;
    private static final String CHECK_TEXT = "Optline secrets key check";
    private static final NamedSql SQL = NamedSql.forClass(SecretsKeyConfig.class);

    @Bean
    SecretBox secretBox(StorageProperties storage, JdbcClient jdbc, TenantScope scope, Clock clock) {
        SecretBox box = new SecretBox(storage.secrets().configured()
                ? decode(storage.secrets().key(), "OPTLINE_SECRETS_KEY")
                : fromFile(Path.of(storage.dataDir(), "secrets.key").toAbsolutePath().normalize()));
        scope.asPlatform(() -> check(box, jdbc, clock));
        return box;
    }

    /** Seals the check on the first start; on every later one, opens it or refuses to go on. */
    private static void check(SecretBox box, JdbcClient jdbc, Clock clock) {
        Optional<String> stored = storedCheck(jdbc);
        if (stored.isEmpty()) {
            // Several nodes starting together: the first insert wins, and the others must hold its key.
            jdbc.sql(SQL.get("insert-check"))
                    .param("name", CHECK_NAME).param("secret", box.seal(CHECK_CONTEXT, CHECK_TEXT))
                    .param("at", OffsetDateTime.now(clock)).update();
            stored = storedCheck(jdbc);
        }
        try {
            if (!CHECK_TEXT.equals(box.open(CHECK_CONTEXT, stored.orElseThrow()))) {
                throw new SecretBox.UnreadableSecret("The secrets key check holds something else");
            }
        } catch (SecretBox.UnreadableSecret e) {
            throw new IllegalStateException("This node cannot open the secrets in its database. " + e.getMessage(), e);
        }
    }

    private static Optional<String> storedCheck(JdbcClient jdbc) {
        return jdbc.sql(SQL.get("check")).param("name", CHECK_NAME).query(String.class)
                .optional();
    }

    /** The key in {@code file}, which is made (readable by its owner only) if it does not exist. */
    static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    write(file, Base64.getEncoder().encodeToString(fresh) + "\n");
                    log.info("Made a new secrets key in {}: keep it, and keep it out of database backups", file.toAbsolutePath());
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: read theirs
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the secrets key " + file.toAbsolutePath(), e);
        }
    }

    /**
     * Written in full and flushed to disk beside it, then linked in under its name, which fails if
     * another process made the file first (a rename would replace theirs, and one of the two keys
     * would be lost with whatever it sealed).
     */
    private static void write(Path file, String text) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".new-" + UUID.randomUUID());
        try {
            try {
                Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(partial);
            }
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.createLink(file, partial);
            syncDirectory(file.toAbsolutePath().getParent());
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** So that the new name survives a power cut too (Linux allows a directory to be synced; others may not). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Could not sync {}", dir, e);
        }
    }

    static byte[] decode(String base64, String from) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The secrets key in " + from + " is not base64 (make one with: openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new IllegalStateException("The secrets key in " + from + " is " + key.length
                    + " bytes; it must be 32 (make one with: openssl rand -base64 32)");
        }
        return key;
    }
}
