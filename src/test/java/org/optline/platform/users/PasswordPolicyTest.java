package org.optline.platform.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ASVS 6.2: length, common passwords, and long pass-phrases. */
class PasswordPolicyTest {

    @Test
    void elevenCharactersAreTooFewTwelveAreEnough() {
        assertThat(PasswordPolicy.problem("abcdefghij1", null)).contains("must be at least 12 characters long");
        assertThat(PasswordPolicy.problem("river-table-9", null)).isEmpty();
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThat(PasswordPolicy.problem("Password1234", null)).isPresent();
        assertThat(PasswordPolicy.problem("QWERTY123456", null)).isPresent();
        assertThat(PasswordPolicy.problem("zzzzzzzzzzzzzzzz", null)).isPresent();
    }

    @Test
    void longPassPhrasesAndUnicodeAreWelcome() {
        assertThat(PasswordPolicy.problem("a ".repeat(200) + "very long pass phrase", null)).isEmpty();
        assertThat(PasswordPolicy.problem("Grüße aus Köln 🌧", null)).isEmpty();
        assertThat(PasswordPolicy.problem("x".repeat(1025), null)).isPresent();
    }

    @Test
    void thePasswordMustNotContainTheEmail() {
        assertThat(PasswordPolicy.problem("me@example.test!!", "me@example.test")).isPresent();
    }
}
