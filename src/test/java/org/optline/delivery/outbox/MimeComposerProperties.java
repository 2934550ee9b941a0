package org.optline.delivery.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever text, HTML, subject and sender name go in, Jakarta Mail, reading the composed message
 * as any receiving client would, gets them back (line breaks as CRLF), and the message keeps to
 * the wire's rules: only CRLF line breaks, only ASCII, body lines of at most 76 characters.
 */
class MimeComposerProperties {

    private static final Session SESSION = Session.getInstance(new Properties());

    @Provide
    Arbitrary<String> contents() {
        // Line breaks of every kind, trailing blanks, dots and "=" at line starts, boundary look-alikes, non-ASCII.
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab xyz.=-_\t").ofMaxLength(90),
                Arbitraries.of("\r\n", "\n", "\r", " \n", "\t\r\n", ".\r\n", "\n.\n", "--=_optline_alternative", "--=_optline_alternative--",
                        "From here", "é", "Grüße", "€", "日本語", "😀", "=3D", "=\r\n"),
                Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(20));
        return pieces.list().ofMaxSize(40).map(list -> String.join("", list));
    }

    @Property(tries = 300)
    void whatGoesInComesBackOutAndTheWireRulesHold(@ForAll("contents") String text, @ForAll("contents") String html,
                                                   @ForAll("contents") String subject, @ForAll("contents") String name)
            throws Exception {
        byte[] raw = MimeComposer.composeBytes("<m1@bench-shop.de>", name, "news@bench-shop.de", "reader@example.org",
                subject, text, html, Instant.parse("2026-11-29T10:00:00Z"), Map.of("Feedback-ID", "a:b:campaign:optline"));

        String wire = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(wire.chars().allMatch(c -> c < 128)).as("ASCII only").isTrue();
        assertThat(wire.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        assertThat(wire).endsWith("\r\n");
        // RFC 5322 2.1.1: no line over 998 characters; the body's quoted-printable lines keep to 76 (RFC 2045 6.7).
        int headerEnd = wire.indexOf("\r\n\r\n");
        for (String line : wire.substring(0, headerEnd).split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(998);
        }
        for (String line : wire.substring(headerEnd + 4).split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
        }

        MimeMessage parsed = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        assertThat(parsed.getSubject()).isEqualTo(org.optline.platform.HeaderText.oneLine(subject));
        InternetAddress from = (InternetAddress) parsed.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("news@bench-shop.de");
        String expectedName = org.optline.platform.HeaderText.oneLine(name);
        assertThat(from.getPersonal() == null ? "" : from.getPersonal()).isEqualTo(expectedName);
        assertThat(parsed.getHeader("Feedback-ID", null)).isEqualTo("a:b:campaign:optline");
        Multipart parts = (Multipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(crlf(text));
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo(crlf(html));
    }

    @Property(tries = 100)
    void aTextOnlyMessageIsOnePart(@ForAll("contents") String text) throws Exception {
        byte[] raw = MimeComposer.composeBytes("<m2@bench-shop.de>", "Shop", "news@bench-shop.de", "reader@example.org",
                "Hello", text, null, Instant.parse("2026-11-29T10:00:00Z"), Map.of());
        MimeMessage parsed = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        assertThat(parsed.getContentType()).startsWith("text/plain; charset=UTF-8");
        // The message ends its last line (SMTP would otherwise add the line break on the way).
        String expected = crlf(text);
        assertThat(parsed.getContent()).isEqualTo(expected.isEmpty() || expected.endsWith("\r\n") ? expected : expected + "\r\n");
    }

    @Provide
    Arbitrary<String> headerValues() {
        // Words and long unbreakable runs (links), separated by one or more blanks or tabs.
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(60).ofMaxLength(180));
        Arbitrary<String> gap = Arbitraries.of(" ", "  ", "\t", " \t", "   ", "\t \t  ");
        return Combinators.combine(word.list().ofMinSize(1).ofMaxSize(25), gap.list().ofSize(25))
                .as((words, gaps) -> {
                    StringBuilder value = new StringBuilder(words.get(0));
                    for (int i = 1; i < words.size(); i++) {
                        value.append(gaps.get(i)).append(words.get(i));
                    }
                    return value.toString();
                });
    }

    @Property(tries = 500)
    void foldingKeepsTheValueAndBreaksOnlyBeforeBlanks(@ForAll("headerValues") String value,
                                                      @ForAll @IntRange(min = 4, max = 90) int used) {
        String folded = MimeComposer.fold(used, value);
        assertThat(folded.replace("\r\n", "")).isEqualTo(value);
        String[] lines = folded.split("\r\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                assertThat(lines[i]).as("a continuation line starts with its blank").matches("(?s)[ \t].*");
                assertThat(lines[i].isBlank()).as("no line of blanks only").isFalse();
            }
            if (lines[i].length() + (i == 0 ? used : 0) > 76) {
                // Blanks it may not break before: those after a backslash or after another blank.
                assertThat(lines[i].replaceAll("(?<=[\\\\ \t])[ \t]", "x").substring(1))
                        .as("a long line has no blank to break at").doesNotContain(" ", "\t");
            }
        }
    }

    @Property(tries = 100)
    void aLongHeaderIsFoldedAndReadsBackWhole(@ForAll("headerValues") String value) throws Exception {
        byte[] raw = MimeComposer.composeBytes("<m3@bench-shop.de>", "Shop", "news@bench-shop.de", "reader@example.org",
                "Hello", "Hi", null, Instant.parse("2026-11-29T10:00:00Z"), Map.of("List-Unsubscribe", value));
        MimeMessage parsed = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        assertThat(MimeUtility.unfold(parsed.getHeader("List-Unsubscribe", null))).isEqualTo(value);
    }

    /** Every CR, LF and CRLF as one CRLF: what a message's line breaks must come out as. */
    static String crlf(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }
    @Provide
    Arbitrary<String> recipients() {
        // Mostly near-plain addresses, so that the plain path and its edges are both reached:
        // dots at either end or doubled, hyphens at label edges, bare domains, specials, spaces,
        // non-ASCII, and lengths around the line's limit.
        Arbitrary<String> local = Arbitraries.strings().withChars("ab9.+_-'!#\" ()é").ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> domain = Arbitraries.strings().withChars("ab9.-_").ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> longLocal = Arbitraries.strings().withChars("abc.").ofMinLength(55).ofMaxLength(75);
        return Arbitraries.oneOf(
                Combinators.combine(local, domain).as((l, d) -> l + "@" + d),
                Combinators.combine(longLocal, domain).as((l, d) -> l + "@" + d + ".de"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30));
    }

    @Property(tries = 3000)
    void theToHeaderIsWhatJakartaMailMakesOfTheAddress(@ForAll("recipients") String to) {
        String jakarta;
        try {
            jakarta = InternetAddress.toString(new jakarta.mail.Address[] {new InternetAddress(to, true)}, 4);
        } catch (jakarta.mail.internet.AddressException refused) {
            jakarta = "refused";
        }
        String ours;
        try {
            ours = MimeComposer.recipient(to);
        } catch (jakarta.mail.internet.AddressException refused) {
            ours = "refused";
        }
        assertThat(ours).isEqualTo(jakarta);
    }
}
