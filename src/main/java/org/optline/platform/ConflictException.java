package org.optline.platform;

/** The request clashes with stored state (a duplicate, or a state change that is not allowed). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
