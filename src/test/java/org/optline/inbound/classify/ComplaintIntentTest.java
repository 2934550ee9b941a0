package org.optline.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ComplaintIntentTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "This is spam.", "I never signed up for this!", "I have never subscribed to anything from you",
            "Stop spamming me", "How did you get my email address?", "I didn't sign up for this newsletter",
            "Unsolicited mail, reported.", "I am reporting you to the authorities", "Sent without my consent",
            "Das ist Spam!", "Ich habe mich nie angemeldet.", "Diesen Newsletter habe ich nicht bestellt",
            "Woher haben Sie meine E-Mail?", "Ohne meine Einwilligung verschickt",
            "C'est du spam.", "Je ne me suis jamais inscrite à votre liste", "Envoyé sans mon consentement",
            "Esto es spam", "Nunca me suscribí a esto", "No me he suscrito a esta lista", "Correo no deseado"})
    void aComplaintIsFound(String line) {
        assertThat(ComplaintIntent.in(null, line)).as(line).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Your newsletter went to my spam folder again", "This is not spam, I love it", "It's not unsolicited, I asked for it",
            "I'm not signed up yet, how do I join?", "Ich bin noch nicht angemeldet, wie geht das?", "Never mind, found it",
            "Do you still have the blue teapot?", "Please unsubscribe me", "Spam", "Check your spam filter settings",
            "No me he suscrito todavía, ¿cómo lo hago?", "Je n'ai jamais vu une si belle offre"})
    void aReplyThatOnlyLooksLikeItIsNot(String line) {
        assertThat(ComplaintIntent.in(null, line)).as(line).isFalse();
    }

    @Test
    void theSubjectAndOnlyTheFirstLinesOfTheNewTextCount() {
        assertThat(ComplaintIntent.in("Re: SPAM - this is spam", "")).isTrue();
        assertThat(ComplaintIntent.in("Re: Our December offers", "Hi\n\nthanks for the tips\nsee you\n\nbest\n\nAnna\n\nPS: this is spam")).isFalse();
        assertThat(ComplaintIntent.in("Re: Our December offers", null)).isFalse();
    }
}
