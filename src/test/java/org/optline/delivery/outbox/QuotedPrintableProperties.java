package org.optline.delivery.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.eclipse.angus.mail.util.QPDecoderStream;
import org.eclipse.angus.mail.util.QPEncoderStream;

/**
 * The composer's own quoted-printable encoder writes for a text exactly what Angus Mail's encoder,
 * which it replaced, writes for the text's UTF-8 bytes, so messages, and their DKIM body hashes, are unchanged; and
 * Angus's decoder reads the text back with its line breaks as CRLF.
 */
class QuotedPrintableProperties {

    @Provide
    Arbitrary<String> texts() {
        // Line breaks of every kind, blanks before them and at the end, "=", tabs, long runs that
        // need soft breaks at every column, characters of one to four UTF-8 bytes, surrogates
        // without their pair, and any character at all.
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab =\t.").ofMaxLength(120),
                Arbitraries.of("\r\n", "\n", "\r", "\r\r\n", "\n\r", " ", "  \r\n", " \n", "\t\n", "=", "\u00b7", "é", "日本語",
                        "😀", "\ud83d", "\ude00", "\ude00\ud83d", "\u0000", "\u007f"),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(70).ofMaxLength(160));
        Arbitrary<String> text = pieces.list().ofMaxSize(30).map(list -> String.join("", list));
        Arbitrary<String> anyChars = Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(300);
        return Arbitraries.frequencyOf(Tuple.of(4, text), Tuple.of(1, anyChars));
    }

    @Property(tries = 2000)
    void writesWhatAngusMailsEncoderWritesForTheUtf8Bytes(@ForAll("texts") String text) throws IOException {
        assertThat(new String(ours(text), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(angus(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 500)
    void keepsLinesShortAndDecodesBack(@ForAll("texts") String text) throws IOException {
        byte[] encoded = ours(text);
        for (String line : new String(encoded, StandardCharsets.ISO_8859_1).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
        }
        byte[] decoded = new QPDecoderStream(new ByteArrayInputStream(encoded)).readAllBytes();
        String crlf = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(crlf);
    }

    @Example
    void blanksThatEndALineAndEqualsSignsAreEscaped() {
        assertThat(new String(ours(" \n= x "), StandardCharsets.US_ASCII)).isEqualTo("=20\r\n=3D x=20");
    }

    @Example
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
