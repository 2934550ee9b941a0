package org.optline.delivery.outbox;

import jakarta.mail.Address;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Builds RFC 5322 messages: From, To, Subject, Date, Message-ID, MIME-Version, and a text part with
 * an optional HTML alternative, both UTF-8 in quoted-printable. Header values never carry CR or LF
 * from their inputs, and every line of the result ends in CRLF.
 *
 * <p>Jakarta Mail does the parts that need care: it quotes and RFC 2047-encodes the addresses and
 * the subject and folds them. The bodies are encoded by {@link QuotedPrintable}, which gives what
 * Angus's encoder gives, in one loop over an array. What is written here is only the frame of a
 * fixed shape, a dozen header lines and at most two parts, straight into one byte array without locks. Building the same message through
 * Jakarta Mail's object model ({@code MimeMessage}, data handlers, content-type parsing, layers of
 * encoder streams) took about 45 % more CPU alone on a core (docs/benchmarks.md).
 */
public final class MimeComposer {

    static {
        // Jakarta Mail looks its StreamProvider up whenever it encodes (here: a non-ASCII subject
        // or sender name): without this property that is a ServiceLoader scan of the class path
        // each time, which profiling once showed as the most expensive step of building a
        // message. Naming Angus's provider makes it a plain class lookup.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /**
     * Both parts are always quoted-printable, in which "=" is only ever followed by two hex digits
     * or a line break: a line of either part can never read "--=_", so this boundary, the same for
     * every message, cannot occur inside them (RFC 2046 5.1.1 asks for exactly that guarantee).
     */
    static final String BOUNDARY = "=_optline_alternative";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final byte[] CRLF = {'\r', '\n'};

    private MimeComposer() {}

    public static String compose(String messageId, String fromName, String fromAddress, String to, String subject,
                                 String text, String html, Instant date) {
        return compose(messageId, fromName, fromAddress, to, subject, text, html, date, Map.of());
    }

    /** As above, with extra headers (List-Unsubscribe, Feedback-ID …); their values are made one line. */
    public static String compose(String messageId, String fromName, String fromAddress, String to, String subject,
                                 String text, String html, Instant date, Map<String, String> headers) {
        return new String(composeBytes(messageId, fromName, fromAddress, to, subject, text, html, date, headers),
                StandardCharsets.UTF_8);
    }

    /** The message as the bytes that go on the wire. */
    public static byte[] composeBytes(String messageId, String fromName, String fromAddress, String to, String subject,
                                      String text, String html, Instant date, Map<String, String> headers) {
        String from;
        String recipient;
        try {
            from = InternetAddress.toString(new Address[] {new InternetAddress(fromAddress, oneLine(fromName), "UTF-8")}, 6);
            recipient = InternetAddress.toString(new Address[] {new InternetAddress(to, true)}, 4);
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("Cannot build the message: " + e.getMessage(), e);
        }
        String encodedSubject;
        try {
            encodedSubject = MimeUtility.fold(9, MimeUtility.encodeText(oneLine(subject), "UTF-8", null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e); // UTF-8 is always there
        }
        Bytes out = new Bytes((text.length() + (html == null ? 0 : html.length())) * 11 / 10 + 2048);
        out.line("Date: " + DATE.format(date));
        out.line("From: " + from);
        out.line("To: " + recipient);
        out.line("Message-ID: " + oneLine(messageId));
        out.line("Subject: " + encodedSubject);
        for (var header : headers.entrySet()) {
            out.line(header.getKey() + ": " + MimeUtility.fold(header.getKey().length() + 2, oneLine(header.getValue())));
        }
        out.line("MIME-Version: 1.0");
        if (html == null) {
            textPart(out, "text/plain", text);
            out.endLine();
        } else {
            out.line("Content-Type: multipart/alternative; boundary=\"" + BOUNDARY + "\"");
            out.line("");
            out.line("--" + BOUNDARY);
            textPart(out, "text/plain", text);
            out.line("");
            out.line("--" + BOUNDARY);
            textPart(out, "text/html", html);
            out.line("");
            out.line("--" + BOUNDARY + "--");
        }
        return out.toArray();
    }

    /** A part's own headers, the empty line, and its content in quoted-printable with CRLF line breaks. */
    private static void textPart(Bytes out, String type, String content) {
        out.line("Content-Type: " + type + "; charset=UTF-8");
        out.line("Content-Transfer-Encoding: quoted-printable");
        out.line("");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        out.reserve(QuotedPrintable.maxLength(bytes.length));
        out.size = QuotedPrintable.encode(bytes, out.buf, out.size);
    }

    /**
     * Where the message is written: one array, grown as needed, without the lock that
     * {@link ByteArrayOutputStream} takes on every write (one message is built by one thread).
     */
    private static final class Bytes {
        private byte[] buf;
        private int size;

        Bytes(int capacity) {
            buf = new byte[capacity];
        }

        void write(byte[] b, int off, int len) {
            reserve(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        /** Makes room for {@code length} more bytes, for a writer that fills the array itself. */
        void reserve(int length) {
            if (size + length > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + length));
            }
        }

        /** A header line or a frame line, then CRLF; header values here are ASCII or already encoded. */
        void line(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            write(b, 0, b.length);
            write(CRLF, 0, 2);
        }

        /** Ends the last line, unless it has ended: the message then ends in CRLF as SMTP wants. */
        void endLine() {
            if (size < 2 || buf[size - 2] != '\r' || buf[size - 1] != '\n') {
                write(CRLF, 0, 2);
            }
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(buf, size);
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
