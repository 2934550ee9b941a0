package org.optline.platform;

import java.util.List;
import java.util.UUID;

/**
 * Who is acting: a logged-in user, an API key or the system itself, with the client they act for
 * ({@code null} for the platform) and where the request came from. The tenant of every request is
 * taken from here, which is built from the authenticated principal only.
 */
public record Actor(Kind kind, UUID id, String label, UUID clientId, Role role, String sourceIp) {

    /** How the actor authenticated. */
    public enum Kind { USER, API_KEY, SYSTEM }

    public static Actor system(String label) {
        return new Actor(Kind.SYSTEM, null, label, null, Role.OPERATOR, null);
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }

    /**
     * The roles this actor may give the users and API keys it creates: operators make operators,
     * a client's admins the roles inside their client.
     */
    public List<Role> grantableRoles() {
        return isOperator() ? List.of(Role.OPERATOR) : List.of(Role.CLIENT_ADMIN, Role.MARKETER, Role.ANALYST);
    }

    /** The same actor seen from another address (the principal is cached, the address is per request). */
    public Actor from(String ip) {
        return new Actor(kind, id, label, clientId, role, ip);
    }

    /**
     * Operator-only features answer 404 to everybody else, exactly like a route that does not
     * exist, so a client never learns about other clients or the operator surface.
     */
    public void requireOperator() {
        if (!isOperator()) {
            throw new NotFoundException("Not found");
        }
    }

    /**
     * The client this actor acts for. Operators have none, so client features answer them 404,
     * as for a route that does not exist.
     */
    public UUID requireClient() {
        if (clientId == null) {
            throw new NotFoundException("Operators act for no client; use a client's login or key");
        }
        return clientId;
    }

    /** As {@link #requireClient()}, for changes: analysts may read but not change a client's data. */
    public UUID requireClientWriter() {
        UUID client = requireClient();
        if (role == Role.ANALYST) {
            throw new ForbiddenException("Analysts can read but not change this");
        }
        return client;
    }

    /** Client-side settings (users, keys) are for client admins (and operators for their own). */
    public void requireAdmin() {
        if (role != Role.OPERATOR && role != Role.CLIENT_ADMIN) {
            throw new ForbiddenException("This needs the client_admin role");
        }
    }
}
