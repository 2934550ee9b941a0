package org.optline.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.james.mime4j.dom.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The auto-reply rules: headers first, then the null reverse path, then out-of-office subjects in six languages. */
class AutoRepliesTest {

    private static String rule(String fields, String subject, boolean nullReversePath) throws IOException {
        Header header = MailParts.parseFields(fields.isEmpty() ? "X-Nothing: here" : fields);
        return AutoReplies.rule(header, subject, nullReversePath);
    }

    @Test
    void headersSayTheReplyIsAutomatic() throws IOException {
        assertThat(rule("Auto-Submitted: auto-replied", "Re: offers", false)).isEqualTo("auto-reply: auto-submitted header");
        assertThat(rule("Auto-Submitted: auto-generated; owner-email=x@example.com", "Hi", false))
                .isEqualTo("auto-reply: auto-submitted header");
        assertThat(rule("X-Autoreply: yes", "Hi", false)).isEqualTo("auto-reply: x-autoreply header");
        assertThat(rule("X-Autorespond: 1", "Hi", false)).isEqualTo("auto-reply: x-autorespond header");
        assertThat(rule("X-Auto-Response-Suppress: All", "Hi", false)).isEqualTo("auto-reply: x-auto-response-suppress header");
        assertThat(rule("Precedence: auto_reply", "Hi", false)).isEqualTo("auto-reply: precedence header");
        assertThat(rule("Precedence: bulk", "Hi", false)).isEqualTo("auto-reply: precedence header");
        assertThat(rule("Precedence: junk", "Hi", false)).isEqualTo("auto-reply: precedence header");
    }

    @Test
    void aPersonsReplyIsNot() throws IOException {
        assertThat(rule("Auto-Submitted: no", "Re: offers", false)).isNull();
        assertThat(rule("Precedence: first-class", "Re: offers", false)).isNull();
        assertThat(rule("", "Re: offers", false)).isNull();
    }

    @Test
    void theNullReversePathIsAMachine() throws IOException {
        assertThat(rule("", "Re: offers", true)).isEqualTo("auto-reply: null reverse path");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Out of Office: Our offers", "Out of the office until Monday", "Automatic reply: Our offers", "AutoReply: offers",
        "Auto-Response", "Abwesenheitsnotiz: Unsere Angebote", "Automatische Antwort: Angebote", "Abwesend bis 4.1.",
        "Réponse automatique : Nos offres", "Reponse automatique: offres", "Absence du bureau", "Absent du bureau",
        "Respuesta automática: Ofertas", "Fuera de la oficina", "Automatisch antwoord: Aanbiedingen",
        "Afwezigheidsbericht", "Risposta automatica: Le offerte", "Fuori ufficio", "[Auto-Reply] offers"})
    void outOfOfficeSubjectsAreAutomatic(String subject) throws IOException {
        assertThat(rule("", subject, false)).isEqualTo("auto-reply: subject");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Re: out of office next week?", "Re: Our December offers", "Absences in our team", "Absent-minded question",
        "Question about the automatic reply you sent", "Re: Automatische Antwort?", "Office chairs out of stock"})
    void subjectsThatOnlyMentionItAreNot(String subject) throws IOException {
        assertThat(rule("", subject, false)).isNull();
    }
}
