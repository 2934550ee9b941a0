package org.optline.platform;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/** A tenant: a company that uses Optline, with the postal address every message will carry. */
public record Client(UUID id, String name, String postalAddress, ClientStatus status, String timeZone,
                     OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The client's time zone, for schedules and reports. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
