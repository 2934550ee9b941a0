package org.optline.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Status codes read from field values and bounce text, and the ones that blame the sender. */
class StatusCodesTest {

    @Test
    void theEnhancedCodeComesFirst() {
        assertThat(StatusCodes.enhanced("smtp; 550-5.1.1 The email account")).isEqualTo("5.1.1");
        assertThat(StatusCodes.enhanced("5.1.10 (bad destination)")).isEqualTo("5.1.10");
        assertThat(StatusCodes.enhanced("#550 5.7.515 Access denied")).isEqualTo("5.7.515");
        assertThat(StatusCodes.anyCode("Remote host said: 554 delivery error")).isEqualTo("5.0.0");
        assertThat(StatusCodes.anyCode("452 4.2.2 Mailbox full")).isEqualTo("4.2.2");
    }

    @Test
    void addressesDatesAndSizesAreNotCodes() {
        assertThat(StatusCodes.anyCode("host mx.example.net [192.0.2.45]")).isNull();
        assertThat(StatusCodes.anyCode("IP 10.5.1.1.2 and 2026-12-07 09:14:00")).isNull();
        assertThat(StatusCodes.anyCode("a size of 45000 bytes")).isNull();
        assertThat(StatusCodes.anyCode("connect to mx.example.org[203.0.113.9]:465: Connection refused")).isNull();
        assertThat(StatusCodes.anyCode(null)).isNull();
    }

    @Test
    void securityPolicyAndBadSenderCodesBlameTheSender() {
        assertThat(StatusCodes.blamesSender("5.7.26")).isTrue();
        assertThat(StatusCodes.blamesSender("5.7.1")).isTrue();
        assertThat(StatusCodes.blamesSender("5.7.515")).isTrue();
        assertThat(StatusCodes.blamesSender("4.7.0")).isTrue();
        assertThat(StatusCodes.blamesSender("5.1.8")).isTrue();
        assertThat(StatusCodes.blamesSender("5.1.1")).isFalse();
        assertThat(StatusCodes.blamesSender("5.2.2")).isFalse();
        assertThat(StatusCodes.blamesSender(null)).isFalse();
    }

    @Test
    void anUndefinedStatusTakesThePreciseCodeOfTheDiagnostic() {
        assertThat(StatusCodes.refine("5.0.0", "smtp; 550 5.1.1 User unknown")).isEqualTo("5.1.1");
        assertThat(StatusCodes.refine("5.0.0", "smtp; 451 4.7.1 try later")).isEqualTo("5.0.0");
        assertThat(StatusCodes.refine("5.1.1", "smtp; 550 5.7.1 spam")).isEqualTo("5.1.1");
        assertThat(StatusCodes.refine(null, "smtp; 550 5.1.1")).isEqualTo("5.1.1");
    }
}
