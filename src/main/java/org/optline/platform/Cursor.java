package org.optline.platform;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset position in a list ordered by (created_at desc, id desc), carried to the client as an
 * opaque string. It holds no tenant information: the tenant always comes from the caller.
 */
public record Cursor(OffsetDateTime createdAt, UUID id) {

    public String encode() {
        String raw = createdAt.withOffsetSameInstant(ZoneOffset.UTC) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor from a request; {@code null} or blank means the first page. */
    public static Cursor decode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new Cursor(OffsetDateTime.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw ValidationException.of("cursor", "is not a cursor returned by this list");
        }
    }

    /** Clamps a requested page size to 1..200, defaulting to 50. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return 50;
        }
        if (requested < 1 || requested > 200) {
            throw ValidationException.of("limit", "must be between 1 and 200");
        }
        return requested;
    }
}
