package org.optline.delivery;

/**
 * How mail leaves the platform ({@code optline.delivery.transport}): kept in the outbox
 * ({@code capture}, nothing leaves) or sent through an SMTP relay ({@code smtp}).
 */
public enum TransportKind {
    CAPTURE, SMTP
}
