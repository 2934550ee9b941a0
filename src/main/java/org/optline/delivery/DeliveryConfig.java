package org.optline.delivery;

import java.time.Clock;
import org.optline.delivery.outbox.CaptureTransport;
import org.optline.delivery.outbox.OutboxStore;
import org.optline.delivery.transport.MailTransport;
import org.optline.delivery.transport.ProviderGroups;
import org.optline.delivery.transport.SmtpRelayTransport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the platform-wide transport from {@code optline.delivery.transport}. */
@Configuration
class DeliveryConfig {

    /** Recipient domains by mailbox provider: one mapping for the throttle's rates and every relay's concurrency. */
    @Bean
    ProviderGroups providerGroups(DeliveryProperties settings) {
        return new ProviderGroups(settings.throttle());
    }

    @Bean
    MailTransport mailTransport(DeliveryProperties settings, ProviderGroups providers, OutboxStore outbox, Clock clock) {
        return switch (settings.transport()) {
            case CAPTURE -> new CaptureTransport(outbox, clock);
            case SMTP -> new SmtpRelayTransport(settings.smtp(), providers);
        };
    }
}
