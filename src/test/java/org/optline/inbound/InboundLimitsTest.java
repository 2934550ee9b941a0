package org.optline.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optline.inbound.listener.InboundListener;
import org.optline.test.OptlineTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** New connections per remote address and minute: past the limit the greeting is 421 4.7.0. */
@OptlineTest
@TestPropertySource(properties = "optline.inbound.connections-per-minute=3")
class InboundLimitsTest {

    @Autowired InboundListener listener;

    @Test
    void aFourthConnectionInAMinuteFromOneAddressIsTurnedAway() throws Exception {
        List<SmtpTalk> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                SmtpTalk smtp = new SmtpTalk(listener.port());
                open.add(smtp);
                assertThat(smtp.greeting).startsWith("220");
            }
            try (SmtpTalk fourth = new SmtpTalk(listener.port())) {
                assertThat(fourth.greeting).startsWith("421 4.7.0");
            }
        } finally {
            for (SmtpTalk smtp : open) {
                smtp.close();
            }
        }
    }
}
