package org.optline.delivery.queue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a message's List-Unsubscribe header points at: the public address of this installation
 * ({@code optline.base-url}, without a trailing slash) and the domain whose mailbox takes
 * unsubscribe mails ({@code optline.mail.bounce-domain}).
 */
@ConfigurationProperties("optline")
record MessageSettings(@DefaultValue("http://localhost:8080") String baseUrl, @DefaultValue Mail mail) {

    MessageSettings {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    record Mail(@DefaultValue("bounces.optline.local") String bounceDomain) {}

    String bounceDomain() {
        return mail.bounceDomain();
    }
}
