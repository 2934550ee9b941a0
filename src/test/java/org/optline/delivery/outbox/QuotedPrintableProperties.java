package org.optline.delivery.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.angus.mail.util.QPDecoderStream;
import org.eclipse.angus.mail.util.QPEncoderStream;
import org.junit.jupiter.api.Test;
import org.optline.test.Checked;
import org.optline.test.Texts;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The composer's own quoted-printable encoder writes for a text exactly what Angus Mail's encoder,
 * which it replaced, writes for the text's UTF-8 bytes, so messages, and their DKIM body hashes, are unchanged; and
 * Angus's decoder reads the text back with its line breaks as CRLF.
 */
class QuotedPrintableProperties {

    private static Gen<String> texts() {
        // Line breaks of every kind, blanks before them and at the end, "=", tabs, long runs that
        // need soft breaks at every column, characters of one to four UTF-8 bytes, surrogates
        // without their pair, and any character at all.
        Gen<String> pieces = Generate.oneOf(
                Texts.ofChars("ab =\t.", 0, 120),
                Texts.oneOf("\r\n", "\n", "\r", "\r\r\n", "\n\r", " ", "  \r\n", " \n", "\t\n", "=", "\u00b7", "é", "日本語",
                        "😀", "\ud83d", "\ude00", "\ude00\ud83d", "\u0000", "\u007f"),
                Texts.inRange(' ', '~', 70, 160));
        Gen<String> text = Texts.joined(pieces, 0, 30);
        Gen<String> anyChars = Texts.inRange('\u0000', '\uffff', 0, 300);
        return Generate.frequency(Pair.of(4, text), Pair.of(1, anyChars));
    }

    @Test
    void writesWhatAngusMailsEncoderWritesForTheUtf8Bytes() {
        qt().withExamples(2000).forAll(texts()).checkAssert(text -> Checked.run(() ->
                assertThat(new String(ours(text), StandardCharsets.ISO_8859_1))
                        .isEqualTo(new String(angus(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1))));
    }

    @Test
    void keepsLinesShortAndDecodesBack() {
        qt().withExamples(500).forAll(texts()).checkAssert(text -> Checked.run(() -> {
            byte[] encoded = ours(text);
            for (String line : new String(encoded, StandardCharsets.ISO_8859_1).split("\r\n")) {
                assertThat(line.length()).isLessThanOrEqualTo(76);
            }
            byte[] decoded = new QPDecoderStream(new ByteArrayInputStream(encoded)).readAllBytes();
            String crlf = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                    .replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
            assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(crlf);
        }));
    }

    @Test
    void blanksThatEndALineAndEqualsSignsAreEscaped() {
        assertThat(new String(ours(" \n= x "), StandardCharsets.US_ASCII)).isEqualTo("=20\r\n=3D x=20");
    }

    @Test
    void textsLongerThanTheThreadsKeptCopyAreEncodedWholeAndTheShortOnesAfterThemToo() throws IOException {
        // 12,000 characters outgrow the thread's first copy of 8 K, 90,000 the 32 K it keeps; a
        // short text after each must not see the longer one's leftovers.
        for (int length : new int[] {12_000, 90_000, 10}) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; text.length() < length; i++) {
                text.append(i % 7 == 0 ? "Grüße = \u00b7 " : "line " + i + " \r\n");
            }
            String t = text.substring(0, length);
            assertThat(new String(ours(t), StandardCharsets.ISO_8859_1))
                    .isEqualTo(new String(angus(t.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1));
        }
    }

    /** Into an array that already holds other bytes and must grow, as the composer's does. */
    private static byte[] ours(String text) {
        MessageBytes out = new MessageBytes(8);
        out.line("X: y");
        QuotedPrintable.encode(text, out);
        return Arrays.copyOfRange(out.buf, 6, out.size);
    }

    private static byte[] angus(byte[] text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QPEncoderStream qp = new QPEncoderStream(out)) {
            qp.write(text);
        }
        return out.toByteArray();
    }
}
