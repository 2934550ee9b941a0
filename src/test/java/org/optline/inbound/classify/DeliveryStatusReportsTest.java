package org.optline.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.james.mime4j.dom.Header;
import org.junit.jupiter.api.Test;

/** The per-recipient blocks of a delivery-status body, however the blank lines between them look. */
class DeliveryStatusReportsTest {

    @Test
    void eachRecipientBlockIsReadAndThePerMessageBlockIsNot() throws IOException {
        String body = "Reporting-MTA: dns; mx.example.net\r\nArrival-Date: Mon, 7 Dec 2026 09:00:00 +0000\r\n\r\n"
                + "Final-Recipient: rfc822; a@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n\r\n \r\n"
                + "Final-Recipient: rfc822; b@example.com\nAction: delayed\nDiagnostic-Code: smtp; 451 4.4.1\n   timed out\n";

        List<Header> blocks = DeliveryStatusReports.recipientBlocks(body);

        assertThat(blocks).hasSize(2);
        assertThat(MailParts.value(blocks.get(0), "Status")).isEqualTo("5.1.1");
        assertThat(MailParts.value(blocks.get(1), "Final-Recipient")).isEqualTo("rfc822; b@example.com");
        assertThat(MailParts.value(blocks.get(1), "Diagnostic-Code")).isEqualTo("smtp; 451 4.4.1 timed out");
    }

    @Test
    void aBodyWithoutRecipientBlocksHasNone() throws IOException {
        assertThat(DeliveryStatusReports.recipientBlocks("Reporting-MTA: dns; mx.example.net\n")).isEmpty();
        assertThat(DeliveryStatusReports.recipientBlocks("")).isEmpty();
        assertThat(DeliveryStatusReports.recipientBlocks("\n\n\n")).isEmpty();
    }
}
