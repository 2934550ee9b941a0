package org.optline.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets key file: made once, readable by its owner only, read back the same; bad keys named clearly. */
class SecretsKeyFileTest {

    @Test
    void theFileIsMadeOnceForItsOwnerAndReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve("secrets.key");
        byte[] first = SecretsKeyConfig.fromFile(file);
        byte[] again = SecretsKeyConfig.fromFile(file);

        assertThat(first).hasSize(32).isEqualTo(again);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file); // no partial file left beside it
        }
    }

    @Test
    void aKeyOfTheWrongSizeOrNotBase64IsRefusedWithHowToMakeOne(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("secrets.key"), "c2hvcnQ=\n");
        assertThatThrownBy(() -> SecretsKeyConfig.fromFile(file)).hasMessageContaining("5 bytes").hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> SecretsKeyConfig.decode("not base64 at all!", "OPTLINE_SECRETS_KEY"))
                .hasMessageContaining("OPTLINE_SECRETS_KEY").hasMessageContaining("not base64");
    }
}
