package org.optline.delivery.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.optline.platform.HeaderText;
import org.optline.test.Checked;
import org.optline.test.Texts;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever text, HTML, subject and sender name go in, Jakarta Mail, reading the composed message
 * as any receiving client would, gets them back (line breaks as CRLF), and the message keeps to
 * the wire's rules: only CRLF line breaks, only ASCII, body lines of at most 76 characters.
 */
class MimeComposerProperties {

    private static final Session SESSION = Session.getInstance(new Properties());

    private static Gen<String> contents() {
        // Line breaks of every kind, trailing blanks, dots and "=" at line starts, boundary look-alikes, non-ASCII.
        Gen<String> pieces = Generate.oneOf(
                Texts.ofChars("ab xyz.=-_\t", 0, 90),
                Texts.oneOf("\r\n", "\n", "\r", " \n", "\t\r\n", ".\r\n", "\n.\n", "--=_optline_alternative", "--=_optline_alternative--",
                        "From here", "é", "Grüße", "€", "日本語", "😀", "=3D", "=\r\n"),
                Texts.inRange(' ', '\uD7FF', 0, 20));
        return Texts.joined(pieces, 0, 40);
    }

    @Test
    void whatGoesInComesBackOutAndTheWireRulesHold() {
        qt().withExamples(300).forAll(contents(), contents(), contents(), contents()).checkAssert((text, html, subject, name) ->
                Checked.run(() -> composesAndReadsBack(text, html, subject, name)));
    }

    private static void composesAndReadsBack(String text, String html, String subject, String name) throws Exception {
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
        assertThat(parsed.getSubject()).isEqualTo(HeaderText.oneLine(subject));
        InternetAddress from = (InternetAddress) parsed.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("news@bench-shop.de");
        String expectedName = HeaderText.oneLine(name);
        assertThat(from.getPersonal() == null ? "" : from.getPersonal()).isEqualTo(expectedName);
        assertThat(parsed.getHeader("Feedback-ID", null)).isEqualTo("a:b:campaign:optline");
        Multipart parts = (Multipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(crlf(text));
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo(crlf(html));
    }

    @Test
    void aTextOnlyMessageIsOnePart() {
        qt().withExamples(100).forAll(contents()).checkAssert(text -> Checked.run(() -> {
            byte[] raw = MimeComposer.composeBytes("<m2@bench-shop.de>", "Shop", "news@bench-shop.de", "reader@example.org",
                    "Hello", text, null, Instant.parse("2026-11-29T10:00:00Z"), Map.of());
            MimeMessage parsed = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            assertThat(parsed.getContentType()).startsWith("text/plain; charset=UTF-8");
            // The message ends its last line (SMTP would otherwise add the line break on the way).
            String expected = crlf(text);
            assertThat(parsed.getContent()).isEqualTo(expected.isEmpty() || expected.endsWith("\r\n") ? expected : expected + "\r\n");
        }));
    }

    private static Gen<String> headerValues() {
        // Words and long unbreakable runs (links), separated by one or more blanks or tabs.
        Gen<String> word = Generate.oneOf(Texts.inRange('!', '~', 1, 12), Texts.inRange('!', '~', 60, 180));
        Gen<String> gap = Texts.oneOf(" ", "  ", "\t", " \t", "   ", "\t \t  ");
        return lists().of(word).ofSizeBetween(1, 25).zip(lists().of(gap).ofSize(25), (words, gaps) -> {
            StringBuilder value = new StringBuilder(words.get(0));
            for (int i = 1; i < words.size(); i++) {
                value.append(gaps.get(i)).append(words.get(i));
            }
            return value.toString();
        });
    }

    @Test
    void foldingKeepsTheValueAndBreaksOnlyBeforeBlanks() {
        qt().withExamples(500).forAll(headerValues(), integers().between(4, 90)).checkAssert((value, used) -> {
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
        });
    }

    @Test
    void aLongHeaderIsFoldedAndReadsBackWhole() {
        qt().withExamples(100).forAll(headerValues()).checkAssert(value -> Checked.run(() -> {
            byte[] raw = MimeComposer.composeBytes("<m3@bench-shop.de>", "Shop", "news@bench-shop.de", "reader@example.org",
                    "Hello", "Hi", null, Instant.parse("2026-11-29T10:00:00Z"), Map.of("List-Unsubscribe", value));
            MimeMessage parsed = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            assertThat(MimeUtility.unfold(parsed.getHeader("List-Unsubscribe", null))).isEqualTo(value);
        }));
    }

    /** Every CR, LF and CRLF as one CRLF: what a message's line breaks must come out as. */
    static String crlf(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    private static Gen<String> recipients() {
        // Mostly near-plain addresses, so that the plain path and its edges are both reached:
        // dots at either end or doubled, hyphens at label edges, bare domains, specials, spaces,
        // non-ASCII, and lengths around the line's limit.
        Gen<String> local = Texts.ofChars("ab9.+_-'!#\" ()é", 0, 12);
        Gen<String> domain = Texts.ofChars("ab9.-_", 0, 12);
        Gen<String> longLocal = Texts.ofChars("abc.", 55, 75);
        return Generate.oneOf(
                local.zip(domain, (l, d) -> l + "@" + d),
                longLocal.zip(domain, (l, d) -> l + "@" + d + ".de"),
                Texts.inRange(' ', '~', 0, 30));
    }

    @Test
    void theToHeaderIsWhatJakartaMailMakesOfTheAddress() {
        qt().withExamples(3000).forAll(recipients()).checkAssert(to -> {
            String jakarta;
            try {
                jakarta = InternetAddress.toString(new Address[] {new InternetAddress(to, true)}, 4);
            } catch (AddressException refused) {
                jakarta = "refused";
            }
            String ours;
            try {
                ours = MimeComposer.recipient(to);
            } catch (AddressException refused) {
                ours = "refused";
            }
            assertThat(ours).isEqualTo(jakarta);
        });
    }
}
