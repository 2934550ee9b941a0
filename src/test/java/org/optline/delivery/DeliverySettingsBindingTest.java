package org.optline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The transport kind and TLS mode bind from their configuration strings in any case; a stranger fails at start. */
class DeliverySettingsBindingTest {

    private static DeliveryProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("optline.delivery", DeliveryProperties.class);
    }

    @Test
    void defaultsAreCaptureAndNoTls() {
        DeliveryProperties settings = bind(Map.of());
        assertThat(settings.transport()).isEqualTo(TransportKind.CAPTURE);
        assertThat(settings.smtp().tls()).isEqualTo(TlsMode.NONE);
    }

    @Test
    void namesBindInAnyCase() {
        assertThat(bind(Map.of("optline.delivery.transport", "smtp", "optline.delivery.smtp.tls", "starttls")))
                .extracting(DeliveryProperties::transport, s -> s.smtp().tls()).containsExactly(TransportKind.SMTP, TlsMode.STARTTLS);
        assertThat(bind(Map.of("optline.delivery.transport", "SMTP", "optline.delivery.smtp.tls", "Implicit")))
                .extracting(DeliveryProperties::transport, s -> s.smtp().tls()).containsExactly(TransportKind.SMTP, TlsMode.IMPLICIT);
    }

    @Test
    void anUnknownNameFails() {
        assertThatThrownBy(() -> bind(Map.of("optline.delivery.transport", "pigeon"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("optline.delivery.smtp.tls", "ssl3"))).isInstanceOf(BindException.class);
    }

    @Test
    void aClientsTlsModeIsReadInAnyCaseAndWrittenInLowerCase() {
        assertThat(TlsMode.fromWire(" StartTLS ")).contains(TlsMode.STARTTLS);
        assertThat(TlsMode.fromWire("ssl")).isEmpty();
        assertThat(TlsMode.IMPLICIT.wireName()).isEqualTo("implicit");
    }
}
