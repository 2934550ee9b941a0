package org.optline.platform;

/** The caller's own client has the object, but the caller's role may not do this to it. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
