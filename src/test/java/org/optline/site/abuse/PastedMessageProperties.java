package org.optline.site.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.optline.test.Texts;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The abuse form's parser reads text from anyone: whatever is pasted, it answers (never throws)
 * with at most {@link PastedMessage#MAX_PER_KIND} pieces of each kind, and finds a signed-looking
 * piece wherever it stands in the text, however the text around it is mangled.
 */
class PastedMessageProperties {

    /** Characters that make mail look like mail: header colons, folds, MIME boundaries, QP escapes, brackets. */
    private static Gen<String> mailish() {
        return Generate.oneOf(
                Texts.ofChars(":<>@=\r\n\t -./bstco_ABC123\";", 0, 400),
                Texts.inRange('\u0000', '\uffff', 0, 300),
                Texts.inRange('\u0000', '\u007f', 0, 600),
                Texts.ofChars("=\r\n0123456789ABCDEFabcdef", 0, 300));
    }

    private static final String MIME_HEAD = "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n--b\r\n"
            + "Content-Type: text/plain; charset=\"x-unknown\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";

    @Test
    void neverThrowsWhateverIsPasted() {
        qt().withExamples(1500).forAll(mailish(), mailish()).checkAssert((a, b) -> {
            for (String pasted : new String[] {a, a + "\n\n" + b, MIME_HEAD + a + "\r\n--b--\r\n" + b, "   " + a.replace("\n", "\n   "),
                    "> " + a.replace("\n", "\n> "), a + "=", a + "=\n=4", "Message-ID:" + a, "To: " + b}) {
                PastedMessage.Evidence e = PastedMessage.read(pasted);
                assertThat(e.messageIds().size()).isLessThanOrEqualTo(PastedMessage.MAX_PER_KIND);
                assertThat(e.bounceAddresses().size()).isLessThanOrEqualTo(PastedMessage.MAX_PER_KIND);
                assertThat(e.trackingTokens().size()).isLessThanOrEqualTo(PastedMessage.MAX_PER_KIND);
            }
        });
    }

    @Test
    void findsEachKindOfPieceAmongArbitraryText() {
        qt().withExamples(500).forAll(Texts.ofChars("abc xyz,;!?\n\t", 0, 80), Texts.ofChars("abc xyz,;!?\n\t", 0, 80))
                .checkAssert((before, after) -> {
                    String pasted = before + "\nMessage-ID: <AAAA.BBBB.rnd@mail.example>\n" + before
                            + " https://optline.example/t/c/QUJDREVGR0hJSktMTU5PUFFSU1RVVldY " + after
                            + "\nReturn-Path: <b-Tok_1.Mac-2@bounces.optline.example>\n"
                            + "List-Unsubscribe: <https://optline.example/s/unsubscribe/Pay-load.Mac_9>\n" + after;
                    PastedMessage.Evidence e = PastedMessage.read(pasted);
                    assertThat(e.messageIds()).contains("AAAA.BBBB.rnd@mail.example");
                    assertThat(e.trackingTokens()).contains("QUJDREVGR0hJSktMTU5PUFFSU1RVVldY");
                    assertThat(e.bounceAddresses()).contains("b-Tok_1.Mac-2@bounces.optline.example");
                    assertThat(e.unsubscribeTokens()).contains("Pay-load.Mac_9");
                });
    }

    @Test
    void readsFoldedIndentedQuotedPrintableAndBase64Pastes() {
        String headers = """
                    Return-Path: <b-Tok.Mac@bounces.optline.example>
                    To: "Ann Example"
                     <ann@shop.example.org>
                    Message-ID:
                     <Tok.Mac.rnd@shop.example.org>
                """;
        PastedMessage.Evidence folded = PastedMessage.read(headers);
        // Every <x@y> is a candidate (the To address too): the caller verifies each.
        assertThat(folded.messageIds()).contains("Tok.Mac.rnd@shop.example.org");
        assertThat(folded.bounceAddresses()).containsExactly("b-Tok.Mac@bounces.optline.example");
        assertThat(folded.recipient()).isEqualTo("ann@shop.example.org");

        String qp = "Content-Transfer-Encoding: quoted-printable\n\n<a href=3D\"https://o.example/t/c/QUJDREVGR0hJ=\nSktMTU5PUFFSU1RVVldY\">";
        assertThat(PastedMessage.read(qp).trackingTokens()).contains("QUJDREVGR0hJSktMTU5PUFFSU1RVVldY");

        String quoted = "> Message-ID: <Q.R.s@x.example>\n> \n> hello";
        assertThat(PastedMessage.read(quoted).messageIds()).contains("Q.R.s@x.example");

        String base64 = java.util.Base64.getMimeEncoder().encodeToString(
                "Click https://o.example/s/preferences/Pref-1.Mac-2 now".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String mime = "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + base64;
        assertThat(PastedMessage.read(mime).preferencesTokens()).contains("Pref-1.Mac-2");

        assertThat(PastedMessage.read(null).isEmpty()).isTrue();
        assertThat(PastedMessage.read("just some words").isEmpty()).isTrue();
    }
}
