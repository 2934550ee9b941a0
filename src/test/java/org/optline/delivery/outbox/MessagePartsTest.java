package org.optline.delivery.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optline.delivery.OutboxView;

/** Taking captured messages apart: what MimeComposer writes, and what it never writes but a message may hold. */
class MessagePartsTest {

    @Test
    void aComposedMessageYieldsDecodedHeadersAndBothParts() {
        String raw = MimeComposer.compose("<m1@shop.example>", "Jürgen's Shop", "news@shop.example", "anna@example.de",
                "Grüße zum Frühling — 20 % off", "Hallo Anna,\nschöne Grüße.", "<p>Hallo <b>Anna</b>, schöne Grüße.</p>",
                Instant.parse("2026-12-01T09:00:00Z"), Map.of("X-Campaign", "spring"));
        MessageParts parts = MessageParts.parse(raw);
        assertThat(parts.headers()).contains(new OutboxView.Header("Subject", "Grüße zum Frühling — 20 % off"),
                new OutboxView.Header("X-Campaign", "spring"));
        assertThat(parts.headers()).anySatisfy(h -> assertThat(h.value()).contains("Jürgen's Shop").contains("news@shop.example"));
        assertThat(parts.text()).contains("Hallo Anna,").contains("schöne Grüße.");
        assertThat(parts.html()).contains("<p>Hallo <b>Anna</b>, schöne Grüße.</p>");
    }

    @Test
    void nestedPartsAreFoundAndAttachmentsAreNotReadAsTheBody() {
        String raw = "Subject: =?ISO-8859-1?Q?M=FCller?=\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
                + "--outer\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\n"
                + "Content-Disposition: attachment; filename=notes.txt\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Anhang =E4\r\n"
                + "--outer\r\n"
                + "Content-Type: multipart/alternative; boundary=inner\r\n\r\n"
                + "--inner\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "K=E4se\r\n"
                + "--inner\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + "PHA+S8Okc2U8L3A+\r\n"
                + "--inner--\r\n"
                + "--outer--\r\n";
        MessageParts parts = MessageParts.parse(raw);
        assertThat(parts.headers()).contains(new OutboxView.Header("Subject", "Müller"));
        // The line break before a boundary belongs to the boundary (RFC 2046).
        assertThat(parts.text()).isEqualTo("Käse");
        assertThat(parts.html()).isEqualTo("<p>Käse</p>");
    }

    @Test
    void anUnknownCharsetIsReadAsUtf8AndPlainTextWithoutMimeIsTheTextPart() {
        MessageParts odd = MessageParts.parse("Subject: odd\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nGrüße\r\n");
        assertThat(odd.text()).isEqualTo("Grüße\r\n");
        MessageParts plain = MessageParts.parse("Subject: Hello\r\n  folded\r\n\r\nJust text\r\n");
        // Unfolding removes the line break and keeps the white space (RFC 5322, 2.2.3).
        assertThat(plain.headers()).containsExactly(new OutboxView.Header("Subject", "Hello  folded"));
        assertThat(plain.text()).isEqualTo("Just text\r\n");
        assertThat(plain.html()).isNull();
    }
}
