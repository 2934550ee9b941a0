package org.optline.platform;

import java.util.UUID;

/**
 * Where the operator's client API finds a client's standing figures (complaint, bounce and
 * unsubscribe rates, the level they stand at). The compliance module implements it; platform
 * cannot depend on compliance, which depends on platform. Without an implementation the client
 * API shows no figures, and client pages no standing notice.
 */
public interface StandingFiguresSource {

    /** One client's figures as a value the API writes as JSON; the caller has checked it is the operator. */
    Object figures(UUID clientId);

    /**
     * The client's standing level when it should be pointed out on every page ({@code warn} or
     * {@code pause}), else null. Called for each client page the layout renders: it must be one
     * cheap lookup.
     */
    default String notice(UUID clientId) {
        return null;
    }
}
