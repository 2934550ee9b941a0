package org.optline.audience.fields;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** {@link MultiFieldsUpgradeContract} on an H2 database in a file, as an installation keeps it. */
class H2MultiFieldsUpgradeTest extends MultiFieldsUpgradeContract {

    @TempDir Path dir;

    @Override
    String[] database() {
        return new String[] {"jdbc:h2:file:" + dir.resolve(UUID.randomUUID().toString()).toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", ""};
    }

    @Override
    String vendor() {
        return "h2";
    }

    @Override
    List<String> platformScope() {
        return List.of();
    }
}
