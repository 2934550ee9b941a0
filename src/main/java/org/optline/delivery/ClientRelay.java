package org.optline.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A client's own SMTP relay. The password never leaves the delivery module: see {@link #withoutPassword()}. */
public record ClientRelay(UUID clientId, String host, int port, TlsMode tls, String username, String password,
                          int maxConnections, int maxMessagesPerConnection, double maxRate, OffsetDateTime updatedAt) {

    public ClientRelay withoutPassword() {
        return new ClientRelay(clientId, host, port, tls, username, null, maxConnections, maxMessagesPerConnection, maxRate,
                updatedAt);
    }

    /** Never prints the password (records would). */
    @Override
    public String toString() {
        return "ClientRelay[" + clientId + " " + host + ":" + port + " tls=" + tls.wireName() + " user=" + username + "]";
    }

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }
}
