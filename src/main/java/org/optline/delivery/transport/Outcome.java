package org.optline.delivery.transport;

import java.util.UUID;

/** What became of one envelope: the server's reply, or a local failure written as one. */
public record Outcome(UUID subscriberId, SmtpReply reply) {

    public static Outcome delivered(UUID subscriberId) {
        return new Outcome(subscriberId, SmtpReply.ACCEPTED);
    }
}
