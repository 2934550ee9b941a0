package org.optline.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optline.inbound.MailKind;
import org.optline.inbound.classify.Corpus.Expectation;

/** Every message of the hand-written corpus is read as expected.tsv says, and the evidence comes with it. */
class MimeMailClassifierCorpusTest {

    static List<Expectation> expectations() {
        return Corpus.expectations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void readsEachCorpusMessageAsExpected(Expectation expected) {
        Classification got = Corpus.classifier().classify(Corpus.bytes(expected.file()), expected.envelope());

        assertThat(got.kind()).as("kind (rule %s)", got.rule()).isEqualTo(expected.kind());
        assertThat(got.recipient()).as("recipient").isEqualTo(expected.recipient());
        assertThat(got.status()).as("status").isEqualTo(expected.status());
        assertThat(got.rule()).as("rule").startsWith(expected.rule());
    }

    @Test
    void theExpectationsCoverEveryCorpusFile() throws IOException, URISyntaxException {
        Path directory = Path.of(Corpus.class.getResource(Corpus.DIRECTORY).toURI());
        List<String> files;
        try (Stream<Path> paths = Files.list(directory)) {
            files = paths.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".eml")).sorted().toList();
        }
        assertThat(expectations().stream().map(Expectation::file).sorted().toList()).isEqualTo(files);
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void aBounceCarriesTheReturnedHeadersAndTheDiagnostic() {
        Classification got = Corpus.classify("postfix-hard.eml");

        assertThat(got.returned()).isEqualTo(new Classification.Returned("<c1.s42.AbCd1234@send.optline.local>",
                "<b-AbCd1234EfGh5678@bounces.optline.local>", "nobody@example.net",
                "<https://optline.local/u/Tk9xQz>, <mailto:unsubscribe@bounces.optline.local?subject=unsubscribe%20Tk9xQz>",
                "c1:camp42:optline"));
        assertThat(got.diagnostic()).isEqualTo(
                "smtp; 550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table");
    }

    @Test
    void returnedHeadersAlsoComeFromTextRfc822HeadersParts() {
        assertThat(Corpus.classify("postfix-delayed.eml").returned().messageId()).isEqualTo("<c1.s43.QrSt9012@send.optline.local>");
        assertThat(Corpus.classify("dsn-two-recipients.eml").returned().returnPath())
                .isEqualTo("<b-TwoRcpts00002@bounces.optline.local>");
    }

    @Test
    void longDiagnosticsAreClipped() {
        Classification got = Corpus.classify("office365-dsn-5-7-515.eml");

        assertThat(got.diagnostic()).startsWith("smtp;550 5.7.515 Access denied").hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void aComplaintCarriesTheFeedbackFields() {
        Classification yahoo = Corpus.classify("arf-yahoo.eml");
        assertThat(yahoo.feedback()).isEqualTo(new Classification.Feedback("abuse", "Yahoo!-Mail-Feedback/2.0", "0.1",
                "grumpy@yahoo.example.com", "b-YahooCompl01@bounces.optline.local", "Mon, 7 Dec 2026 09:40:00 +0000", null));
        assertThat(yahoo.returned().listUnsubscribe())
                .isEqualTo("<mailto:unsubscribe@bounces.optline.local?subject=unsubscribe%20YhTok01>");

        Classification rfc = Corpus.classify("arf-rfc5965.eml");
        assertThat(rfc.feedback().sourceIp()).isEqualTo("198.51.100.7");
        assertThat(rfc.feedback().arrivalDate()).isEqualTo("Mon, 7 Dec 2026 09:45:00 +0000");
        assertThat(rfc.returned().feedbackId()).isEqualTo("c1:camp42:optline");
    }

    @Test
    void aRedactedRecipientIsNoneButTheReturnedMessageStillNamesTheSend() {
        Classification got = Corpus.classify("arf-aol.eml");

        assertThat(got.recipient()).isNull();
        assertThat(got.returned().returnPath()).isEqualTo("<b-AolCompl0002@bounces.optline.local>");
        assertThat(got.feedback().userAgent()).isEqualTo("AOL SComp");
    }

    @Test
    void theUnsubscribeMailCarriesItsSubjectWithTheToken() {
        Classification got = Corpus.classify("unsubscribe-mailto.eml");

        assertThat(got.kind()).isEqualTo(MailKind.UNSUBSCRIBE_REQUEST);
        assertThat(got.reply().subject()).isEqualTo("unsubscribe Tk9xQzAbCd");
        assertThat(got.reply().from()).isEqualTo("reader.one@example.com");
    }

    @Test
    void aReplyCarriesItsNewWordsWithoutTheQuotedMessage() {
        Classification got = Corpus.classify("reply-human-footer.eml");

        assertThat(got.reply().text()).startsWith("Hello,").endsWith("Sam").doesNotContainIgnoringCase("unsubscribe");
        assertThat(got.reply().inReplyTo()).isEqualTo("<c1.s76.RePlyTok0007@send.optline.local>");
        assertThat(got.reply().subject()).isEqualTo("Re: Our December offers");
    }

    @Test
    void encodedSubjectsAndBodiesAreDecoded() {
        Classification latin1 = Corpus.classify("reply-latin1-base64.eml");
        assertThat(latin1.reply().subject()).isEqualTo("AW: Größen im Angebot");
        assertThat(latin1.reply().text()).contains("Größe 44").contains("Özlem Çelik");

        Classification french = Corpus.classify("reply-fr-desinscrire.eml");
        assertThat(french.reply().subject()).isEqualTo("Re: Nos offres de décembre");
        assertThat(french.reply().text()).contains("désinscrire").doesNotContain("a écrit");

        Classification german = Corpus.classify("reply-de-abmelden.eml");
        assertThat(german.reply().text()).contains("Ich möchte keine weiteren Nachrichten.").doesNotContain("Dezember-Angebote sind da");
    }

    @Test
    void anHtmlOnlyReplyIsReadAsTextWithoutItsQuotedPart() {
        Classification outlook = Corpus.classify("reply-human-outlook-html.eml");
        assertThat(outlook.reply().text()).isEqualTo("Thanks, is the discount also valid in your store in Berlin?\n\nAlex");

        Classification gmail = Corpus.classify("reply-human-gmail-html.eml");
        assertThat(gmail.reply().text()).isEqualTo("Can I still use the code on Sunday?");
    }

    @Test
    void aSuccessReportInABouncesWordsIsNoBounce() {
        byte[] raw = ("From: MAILER-DAEMON@relay.example.net\r\nSubject: Successful Mail Delivery Report\r\n\r\n"
                + "This is the mail system at host relay.example.net.\r\n\r\n"
                + "<happy@example.net>: delivery via mx.example.net: 250 2.0.0 Ok: queued\r\n").getBytes(StandardCharsets.US_ASCII);

        Classification got = Corpus.classifier().classify(raw, new InboundEnvelope("", List.of("b-x@bounces.optline.local")));

        assertThat(got.kind()).isEqualTo(MailKind.UNKNOWN);
        assertThat(got.rule()).isEqualTo("bounce text: postfix, not a failure 2.0.0");
    }

    @Test
    void aBounceInWordsCarriesTheHeadersOfTheCopyItQuotes() {
        assertThat(Corpus.classify("qmail.eml").returned()).isEqualTo(new Classification.Returned(
                "<c1.s52.Qmail00000123@send.optline.local>", "<b-Qmail00000123@bounces.optline.local>",
                "left.company@example.net", null, null));
        assertThat(Corpus.classify("exim-text.eml").returned().returnPath()).isEqualTo("<b-EximText00777@bounces.optline.local>");
        assertThat(Corpus.classify("exim-text-defer.eml").returned()).isNull();
    }
}
