package org.optline.platform.clients;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import org.optline.platform.Client;
import org.optline.platform.CreatedClient;

/**
 * A client as the API shows it. On creation only, the first admin's login and the admin API key
 * are included: they are shown once and cannot be read again. A single client's read adds its
 * {@code standing} figures when a {@link org.optline.platform.StandingFiguresSource} is present.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClientJson(String id, String name, String postalAddress, String status, String timeZone, OffsetDateTime createdAt,
                  OffsetDateTime updatedAt, String adminEmail, String adminUserId, String adminPassword,
                  String adminApiKey, String adminApiKeyId, Object standing) {

    static ClientJson of(Client c) {
        return new ClientJson(c.id().toString(), c.name(), c.postalAddress(), c.status().wireName(), c.timeZone(), c.createdAt(),
                c.updatedAt(), null, null, null, null, null, null);
    }

    /** The client with its standing figures (rates and level, as the compliance module reports them). */
    ClientJson withStanding(Object figures) {
        return new ClientJson(id, name, postalAddress, status, timeZone, createdAt, updatedAt, adminEmail, adminUserId,
                adminPassword, adminApiKey, adminApiKeyId, figures);
    }

    static ClientJson of(CreatedClient created) {
        Client c = created.client();
        return new ClientJson(c.id().toString(), c.name(), c.postalAddress(), c.status().wireName(), c.timeZone(), c.createdAt(),
                c.updatedAt(), created.admin().email(), created.admin().id().toString(), created.generatedAdminPassword(),
                created.adminApiKey().secret(), created.adminApiKey().key().id().toString(), null);
    }
}
