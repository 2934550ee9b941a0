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
import org.eclipse.angus.mail.util.QPDecoderStream;
import org.eclipse.angus.mail.util.QPEncoderStream;

/**
 * The composer's own quoted-printable encoder writes exactly what Angus Mail's encoder, which it
 * replaced, writes for the same bytes, so messages, and their DKIM body hashes, are unchanged; and
 * Angus's decoder reads the text back with its line breaks as CRLF.
 */
class QuotedPrintableProperties {

    @Provide
    Arbitrary<byte[]> texts() {
        // Line breaks of every kind, blanks before them and at the end, "=", tabs, long runs that
        // need soft breaks at every column, and any byte at all.
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab =\t.").ofMaxLength(120),
                Arbitraries.of("\r\n", "\n", "\r", "\r\r\n", "\n\r", " ", "  \r\n", " \n", "\t\n", "=", "é", "日本語", "😀"),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(70).ofMaxLength(160));
        Arbitrary<byte[]> text = pieces.list().ofMaxSize(30).map(list -> String.join("", list).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, text), net.jqwik.api.Tuple.of(1, anyBytes));
    }

    @Property(tries = 2000)
    void writesWhatAngusMailsEncoderWrites(@ForAll("texts") byte[] text) throws IOException {
        assertThat(new String(ours(text), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(angus(text), StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 500)
    void staysWithinItsBoundAndDecodesBack(@ForAll("texts") byte[] text) throws IOException {
        byte[] encoded = ours(text);
        assertThat(encoded.length).isLessThanOrEqualTo(QuotedPrintable.maxLength(text.length));
        for (String line : new String(encoded, StandardCharsets.ISO_8859_1).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
        }
        byte[] decoded = new QPDecoderStream(new ByteArrayInputStream(encoded)).readAllBytes();
        String crlf = new String(text, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
        assertThat(new String(decoded, StandardCharsets.ISO_8859_1)).isEqualTo(crlf);
    }

    @Example
    void theWorstCaseFitsTheBound() {
        byte[] text = new byte[1000];
        Arrays.fill(text, (byte) 0xff);
        assertThat(ours(text).length).isLessThanOrEqualTo(QuotedPrintable.maxLength(text.length));
        assertThat(new String(ours(" \n=".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII)).isEqualTo("=20\r\n=3D");
    }

    /** Into an array that starts with other bytes, as the composer's does. */
    private static byte[] ours(byte[] text) {
        byte[] out = new byte[7 + QuotedPrintable.maxLength(text.length)];
        int end = QuotedPrintable.encode(text, out, 7);
        return Arrays.copyOfRange(out, 7, end);
    }

    private static byte[] angus(byte[] text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QPEncoderStream qp = new QPEncoderStream(out)) {
            qp.write(text);
        }
        return out.toByteArray();
    }
}
