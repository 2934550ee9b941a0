package org.optline.inbound;

/**
 * A stored message could not be processed now (its actions failed, or this node has no classifier
 * or actions). It stays stored and is tried again by the workers, up to the configured attempts.
 */
public class InboundProcessingException extends RuntimeException {

    public InboundProcessingException(String message) {
        super(message);
    }
}
