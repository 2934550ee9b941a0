package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Named SQL blocks: found by name, and a missing or duplicate name fails loudly. */
class NamedSqlTest {

    @Test
    void blocksAreSplitByTheirNameMarkers() {
        NamedSql sql = NamedSql.parse("test.sql", """
                -- a file comment before any block is ignored
                -- name: first
                -- why this query looks as it does
                select 1
                -- name: second
                select 2
                from dual
                """);
        assertThat(sql.get("first")).isEqualTo("-- why this query looks as it does\nselect 1");
        assertThat(sql.get("second")).isEqualTo("select 2\nfrom dual");
    }

    @Test
    void aMissingNameFailsWithTheFileName() {
        NamedSql sql = NamedSql.parse("test.sql", "-- name: only\nselect 1\n");
        assertThatThrownBy(() -> sql.get("other")).hasMessageContaining("other").hasMessageContaining("test.sql");
    }

    @Test
    void aDuplicateNameFails() {
        assertThatThrownBy(() -> NamedSql.parse("dup.sql", "-- name: a\nselect 1\n-- name: a\nselect 2\n"))
                .hasMessageContaining("Duplicate");
    }
}
