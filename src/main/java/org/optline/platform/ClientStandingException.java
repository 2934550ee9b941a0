package org.optline.platform;

/**
 * The caller's client may not do this in its current standing (a suspended client changing data,
 * a paused one sending). Answered as 403, naming the standing.
 */
public class ClientStandingException extends ForbiddenException {

    private final ClientStatus standing;

    public ClientStandingException(ClientStatus standing, String message) {
        super(message);
        this.standing = standing;
    }

    public ClientStatus standing() {
        return standing;
    }
}
