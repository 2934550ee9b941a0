package org.optline.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Addresses out of field values and text lines, in linear time however long the line. */
class MailPartsTest {

    @Test
    void addressesComeOutOfTheShapesFieldsGiveThem() {
        assertThat(MailParts.address("\"Pat Example\" <pat@example.com>")).isEqualTo("pat@example.com");
        assertThat(MailParts.address(" rfc822;  <typo.user@example.net>")).isEqualTo("typo.user@example.net");
        assertThat(MailParts.address("=?ISO-8859-1?Q?J=FCrgen?= <juergen@example.de>")).isEqualTo("juergen@example.de");
        assertThat(MailParts.address("MAILER-DAEMON@mx1.example.net (Mail Delivery System)")).isEqualTo("MAILER-DAEMON@mx1.example.net");
        assertThat(MailParts.address("redacted")).isNull();
        assertThat(MailParts.address(null)).isNull();
    }

    @Test
    void aHugeLineIsSearchedInLinearTime() {
        String line = "A".repeat(400_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(MailParts.firstAddress(line)).isNull();
            assertThat(MailParts.address(line + "@")).isNull();
            assertThat(StatusCodes.anyCode(line)).isNull();
        });
    }
}
