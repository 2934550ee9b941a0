package org.optline.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What is kept of a reply's text: the new words, not the quoted message or the signature. */
class ReplyTextTest {

    @Test
    void quotedLinesAndWhatFollowsAnAttributionGo() {
        assertThat(ReplyText.newText("Yes please.\n\nOn Mon, 7 Dec 2026, Shop <news@shop.example.com> wrote:\n> offer\nmore"))
                .isEqualTo("Yes please.");
        assertThat(ReplyText.newText("Ja.\r\n\r\nAm 07.12.2026 um 09:14 schrieb Shop News <news@shop.example.com>:\r\nAlt"))
                .isEqualTo("Ja.");
        assertThat(ReplyText.newText("Oui.\nLe lun. 7 déc. 2026 à 09:14, Shop <n@shop.example.com> a écrit :\nAncien"))
                .isEqualTo("Oui.");
        assertThat(ReplyText.newText("Sí.\nEl lun, 7 dic 2026 a las 9:14, Shop (<n@shop.example.com>) escribió:\nViejo"))
                .isEqualTo("Sí.");
        assertThat(ReplyText.newText("A\n> quoted\nB")).isEqualTo("A\nB");
    }

    @Test
    void anAttributionWrappedOverTwoLinesIsFound() {
        assertThat(ReplyText.newText("Fine.\nOn Mon, Dec 7, 2026 at 9:14 AM Shop News <news@shop.example.com>\nwrote:\n\nold"))
                .isEqualTo("Fine.");
    }

    @Test
    void outlookSeparatorsAndHeaderBlocksEndTheNewText() {
        assertThat(ReplyText.newText("Thanks\n-----Original Message-----\nFrom: x")).isEqualTo("Thanks");
        assertThat(ReplyText.newText("Danke\n-----Ursprüngliche Nachricht-----\nVon: x")).isEqualTo("Danke");
        assertThat(ReplyText.newText("Thanks\n________________________________\nFrom: Shop\nSent: Monday")).isEqualTo("Thanks");
        assertThat(ReplyText.newText("Merci\n\nDe : Shop <n@shop.example.com>\nEnvoyé : lundi\nObjet : offres")).isEqualTo("Merci");
    }

    @Test
    void theSignatureGoes() {
        assertThat(ReplyText.newText("See you.\n-- \nPat Example\nUnsubscribe from my list")).isEqualTo("See you.");
    }

    @Test
    void aLineThatOnlyStartsLikeAnAttributionStays() {
        assertThat(ReplyText.newText("On second thought, I will order two.\nThanks")).isEqualTo("On second thought, I will order two.\nThanks");
    }

    @Test
    void longTextIsClipped() {
        assertThat(ReplyText.newText("word ".repeat(2000))).hasSize(ReplyText.MAX_CHARS).endsWith("…");
    }

    @Test
    void htmlKeepsItsLinesAndLosesItsQuotes() {
        String html = "<html><head><style>p{}</style></head><body><p>First&nbsp;line</p><div>Second<br>Third</div>"
                + "<blockquote>old <a href='#'>unsubscribe</a></blockquote></body></html>";
        assertThat(ReplyText.newText(ReplyText.htmlToText(html))).isEqualTo("First line\n\nSecond\nThird");
    }
}
