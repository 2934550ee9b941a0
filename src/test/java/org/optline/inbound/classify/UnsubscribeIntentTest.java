package org.optline.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The unsubscribe wish in English, German, French and Spanish, and the sentences that only look like one. */
class UnsubscribeIntentTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Please unsubscribe me.", "Unsubscribe", "UNSUBSCRIBE!", "Remove me from this list", "Take me off your list please",
        "I want to opt out", "opt-out", "Stop", "STOP!", "stop please", "Please stop sending me these emails",
        "No more newsletters, thanks", "Cancel my subscription",
        "Bitte austragen", "Ich möchte den Newsletter abbestellen", "Bitte melden Sie mich vom Newsletter ab.",
        "abmelden bitte", "Stopp", "Keine E-Mails mehr bitte",
        "Je souhaite me désabonner", "Merci de me desinscrire", "Je ne veux plus recevoir vos emails",
        "Désinscription svp", "Je souhaite ne plus recevoir cette lettre",
        "Quiero darme de baja", "Por favor, dar de baja este correo", "Cancelar mi suscripción", "Baja",
        "No quiero recibir más correos", "Por favor no me envíen más mensajes",
        "Graag afmelden", "Per favore cancellami dalla lista"})
    void aWishToStopIsAnIntent(String line) {
        assertThat(UnsubscribeIntent.says(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Please don't stop sending these!", "I do not want to unsubscribe.", "Never unsubscribe me, I love this.",
        "Can you stop by our office?", "The bus stop near your shop is closed", "Will you resubscribe me?",
        "I already unsubscribed my husband", "Where can I subscribe my sister?", "Nicht abmelden, bitte!",
        "Die Austragung der Meisterschaft war toll", "Je ne veux pas me désabonner", "Los precios están a la baja",
        "No quiero darme de baja", "Which size should I order?", "Unstoppable offers!", "stopover in Madrid"})
    void wordsThatOnlyLookLikeItAreNot(String line) {
        assertThat(UnsubscribeIntent.says(line)).isFalse();
    }

    @Test
    void aSubjectIsReadWithoutItsReplyPrefixes() {
        assertThat(UnsubscribeIntent.inSubject("Re: STOP")).isTrue();
        assertThat(UnsubscribeIntent.inSubject("AW: AW: Abmelden")).isTrue();
        assertThat(UnsubscribeIntent.inSubject("RE: Désabonnement")).isTrue();
        assertThat(UnsubscribeIntent.inSubject("Re: Don't stop learning: our winter courses")).isFalse();
        assertThat(UnsubscribeIntent.inSubject("Re: Our December offers")).isFalse();
        assertThat(UnsubscribeIntent.inSubject(null)).isFalse();
    }

    @Test
    void onlyTheFirstLinesOfTheNewTextCount() {
        assertThat(UnsubscribeIntent.inText("Hello,\n\nplease take me off the list.\nThanks")).isTrue();
        String late = "Hello,\nline two\nline three\nline four\nline five\nline six\nunsubscribe";
        assertThat(UnsubscribeIntent.inText(late)).isFalse();
        assertThat(UnsubscribeIntent.inText("")).isFalse();
        assertThat(UnsubscribeIntent.inText(null)).isFalse();
    }
}
