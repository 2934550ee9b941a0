package org.optline.platform;

import java.util.UUID;

/** Told after an operator moved a client to another standing (and the change committed). */
public record ClientStandingChanged(UUID clientId, ClientStatus from, ClientStatus to) {}
