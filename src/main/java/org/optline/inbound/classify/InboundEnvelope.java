package org.optline.inbound.classify;

import java.util.List;

/**
 * The SMTP envelope a message arrived with: the reverse path ({@code ""} for the null sender
 * {@code <>} that bounces and auto-replies use) and the accepted recipients, as given.
 */
public record InboundEnvelope(String mailFrom, List<String> recipients) {

    public InboundEnvelope {
        recipients = List.copyOf(recipients);
    }
}
