package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cursors are opaque, round-trip exactly, and junk is a validation error, not a crash. */
class CursorTest {

    @Test
    void encodeDecodeRoundTrip() {
        var cursor = new Cursor(OffsetDateTime.of(2026, 11, 29, 5, 0, 0, 123_456_000, ZoneOffset.UTC), UUID.randomUUID());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void junkIsAValidationError() {
        assertThatThrownBy(() -> Cursor.decode("%%%")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Cursor.decode("bm90IGEgY3Vyc29y")).isInstanceOf(ValidationException.class);
        assertThat(Cursor.decode(null)).isNull();
    }
}
