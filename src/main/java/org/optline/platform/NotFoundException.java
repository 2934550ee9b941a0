package org.optline.platform;

/** The object does not exist for this caller; another client's object is reported the same way. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
