package org.optline.test;

import java.util.UUID;

/** Feedback-loop reports for tests, as a mailbox provider mails them about a message Optline sent. */
public final class FeedbackReports {

    private FeedbackReports() {}

    /**
     * An ARF (RFC 5965) abuse report to {@code fbl@bounceDomain} about {@code originalRaw}, the sent
     * message returned whole, with CRLF line ends; each report has its own Message-ID, so reports
     * about the same message are different messages.
     */
    public static String abuse(String bounceDomain, String originalRecipient, String originalRaw) {
        return """
                From: feedback@fbl.example.net
                To: fbl@%1$s
                Subject: Complaint about a message
                Date: Mon, 7 Dec 2026 06:00:00 +0000
                Message-ID: <arf-%4$s@fbl.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="b2"

                --b2
                Content-Type: text/plain

                This is an email abuse report for an email message received from IP 192.0.2.1.

                --b2
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: ExampleFBL/1.0
                Version: 1
                Original-Rcpt-To: %2$s
                Arrival-Date: Mon, 7 Dec 2026 05:00:00 +0000

                --b2
                Content-Type: message/rfc822

                %3$s
                --b2--
                """.formatted(bounceDomain, originalRecipient, originalRaw, UUID.randomUUID())
                .replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
