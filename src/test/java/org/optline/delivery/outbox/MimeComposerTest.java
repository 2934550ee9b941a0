package org.optline.delivery.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MimeComposerTest {

    /** The text part of a composed message, as a receiving client decodes it. */
    static String textPartOf(String text) throws Exception {
        byte[] raw = MimeComposer.composeBytes("<m0@bench-shop.de>", "Shop", "news@bench-shop.de", "reader@example.org",
                "Hello", text, "<p>Hello</p>", Instant.parse("2026-11-29T10:00:00Z"), Map.of());
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        return (String) ((Multipart) parsed.getContent()).getBodyPart(0).getContent();
    }

    @Test
    void everyLineBreakBecomesCrlfAndCrlfStaysAsItIs() throws Exception {
        assertThat(textPartOf("a\r\nb\r\n")).isEqualTo("a\r\nb\r\n");
        assertThat(textPartOf("a\nb\rc\r\n\n")).isEqualTo("a\r\nb\r\nc\r\n\r\n");
        assertThat(textPartOf("\n")).isEqualTo("\r\n");
        assertThat(textPartOf("\r")).isEqualTo("\r\n");
        assertThat(textPartOf("")).isEmpty();
    }

    @Test
    void randomTextComesOutWithOnlyCrlfAndOtherwiseUnchanged() throws Exception {
        Random random = new Random(42);
        String alphabet = "ab \r\n\té";
        for (int n = 0; n < 2000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String out = textPartOf(s.toString());
            assertThat(out.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
            assertThat(out.replace("\r\n", "\n")).isEqualTo(s.toString().replace("\r\n", "\n").replace('\r', '\n'));
        }
    }

    @Test
    void aComposedMessageHasOnlyCrlfLinesAndCarriesItsParts() {
        String raw = MimeComposer.compose("<m1@bench-shop.de>", "Bench Shop", "news@bench-shop.de", "reader@example.org",
                "Grüße", "Hello\nthere\rfriend", "<p>Hello</p>\n<p>Grüße, €</p>", Instant.parse("2026-11-29T10:00:00Z"),
                Map.of("List-Unsubscribe", "<https://example.org/u>"));
        assertThat(raw.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        assertThat(raw).contains("Message-ID: <m1@bench-shop.de>").contains("List-Unsubscribe: <https://example.org/u>")
                .contains("Content-Transfer-Encoding: quoted-printable").contains("Gr=C3=BC=C3=9Fe, =E2=82=AC")
                .contains("multipart/alternative").contains("Date: Sun, 29 Nov 2026 10:00:00 +0000\r\n");
    }
}
