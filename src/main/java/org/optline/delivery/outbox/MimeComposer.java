package org.optline.delivery.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * Builds RFC 5322 messages with Jakarta Mail (Angus): From, To, Subject, Date, Message-ID,
 * MIME-Version, and a text part with an optional HTML alternative. Header values never carry CR
 * or LF from their inputs.
 */
public final class MimeComposer {

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeComposer() {}

    public static String compose(String messageId, String fromName, String fromAddress, String to, String subject,
                                 String text, String html, Instant date) {
        return compose(messageId, fromName, fromAddress, to, subject, text, html, date, java.util.Map.of());
    }

    /** As above, with extra headers (List-Unsubscribe, Feedback-ID …); their values are made one line. */
    public static String compose(String messageId, String fromName, String fromAddress, String to, String subject,
                                 String text, String html, Instant date, java.util.Map<String, String> headers) {
        try {
            MimeMessage message = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            message.setFrom(new InternetAddress(fromAddress, oneLine(fromName), "UTF-8"));
            message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(oneLine(subject), "UTF-8");
            message.setSentDate(Date.from(date));
            for (var header : headers.entrySet()) {
                message.setHeader(header.getKey(), oneLine(header.getValue()));
            }
            if (html == null) {
                message.setText(text, "UTF-8");
            } else {
                MimeBodyPart plain = new MimeBodyPart();
                plain.setText(text, "UTF-8");
                MimeBodyPart rich = new MimeBodyPart();
                rich.setText(html, "UTF-8", "html");
                message.setContent(new MimeMultipart("alternative", plain, rich));
            }
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("Cannot build the message: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Header values are one line: CR and LF become spaces (STANDARDS 7.56). */
    public static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("[\\r\\n]+", " ").strip();
    }
}
