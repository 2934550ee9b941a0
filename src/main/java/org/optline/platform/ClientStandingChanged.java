package org.optline.platform;

import java.util.UUID;

/**
 * Told after an operator (or the system) moved a client to another standing, and the change
 * committed. {@code reason} is what the operator gave (null when none was given); a termination
 * always has one.
 */
public record ClientStandingChanged(UUID clientId, ClientStatus from, ClientStatus to, String reason) {

    public ClientStandingChanged(UUID clientId, ClientStatus from, ClientStatus to) {
        this(clientId, from, to, null);
    }
}
