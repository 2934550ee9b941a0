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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;

/**
 * Builds RFC 5322 messages with Jakarta Mail (Angus): From, To, Subject, Date, Message-ID,
 * MIME-Version, and a text part with an optional HTML alternative. Header values never carry CR
 * or LF from their inputs.
 */
public final class MimeComposer {

    static {
        // Jakarta Mail looks its StreamProvider up on every encoded body part: without this
        // property that is a ServiceLoader scan of the class path per message, which profiling
        // showed as the most expensive step of building one. Naming Angus's provider makes it a
        // plain class lookup.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

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
            // Formatted here: Jakarta Mail's MailDateFormat (a SimpleDateFormat) cost as much as
            // a tenth of composing a message. RFC 5322 date-time, numeric zone, never "GMT".
            message.setHeader("Date", DATE.format(date));
            for (var header : headers.entrySet()) {
                message.setHeader(header.getKey(), oneLine(header.getValue()));
            }
            // Quoted-printable is named up front: left to itself Angus writes each part once more
            // just to choose an encoding, a third of the cost of building a message.
            if (html == null) {
                message.setText(text, "UTF-8");
                message.setHeader("Content-Transfer-Encoding", "quoted-printable");
            } else {
                MimeBodyPart plain = new MimeBodyPart();
                plain.setText(text, "UTF-8");
                plain.setHeader("Content-Transfer-Encoding", "quoted-printable");
                MimeBodyPart rich = new MimeBodyPart();
                rich.setText(html, "UTF-8", "html");
                rich.setHeader("Content-Transfer-Encoding", "quoted-printable");
                message.setContent(new MimeMultipart("alternative", plain, rich));
            }
            message.saveChanges();
            Bytes out = new Bytes(2 * (text.length() + (html == null ? 0 : html.length())) + 1024);
            message.writeTo(out);
            return crlf(out.toUtf8());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("Cannot build the message: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every line ends in CRLF. Angus writes 7bit parts as they are, so a bare LF from the content
     * would reach the wire (RFC 5321 forbids it) and change the body that DKIM signs.
     */
    static String crlf(String raw) {
        if (!hasBareLineBreak(raw)) {
            return raw; // the usual case, found with the JDK's vectorised indexOf
        }
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean bare = (c == '\n' && (i == 0 || raw.charAt(i - 1) != '\r'))
                    || (c == '\r' && (i + 1 == raw.length() || raw.charAt(i + 1) != '\n'));
            if (bare && out == null) {
                out = new StringBuilder(raw.length() + 64).append(raw, 0, i);
            }
            if (bare) {
                out.append("\r\n");
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? raw : out.toString();
    }

    private static boolean hasBareLineBreak(String raw) {
        for (int i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) {
            if (i == 0 || raw.charAt(i - 1) != '\r') {
                return true;
            }
        }
        for (int i = raw.indexOf('\r'); i >= 0; i = raw.indexOf('\r', i + 1)) {
            if (i + 1 == raw.length() || raw.charAt(i + 1) != '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the message is written. Angus's quoted-printable encoder writes one byte at a time,
     * and {@link ByteArrayOutputStream#write(int)} takes a lock for each: profiling a send showed
     * that locking as a quarter of all CPU time. One message is built by one thread, so this
     * array needs no lock.
     */
    private static final class Bytes extends java.io.OutputStream {
        private byte[] buf;
        private int size;

        Bytes(int capacity) {
            buf = new byte[capacity];
        }

        @Override
        public void write(int b) {
            if (size == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (size + len > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
            }
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        String toUtf8() {
            return new String(buf, 0, size, StandardCharsets.UTF_8);
        }
    }

    /** Header values are one line: CR and LF become spaces (STANDARDS 7.56). */
    public static String oneLine(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value.strip(); // the usual case, without a regular expression per header
        }
        return value.replaceAll("[\\r\\n]+", " ").strip();
    }
}
