package org.optline.delivery.outbox;

import jakarta.mail.Address;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.optline.platform.HeaderText;

/**
 * Builds RFC 5322 messages: From, To, Subject, Date, Message-ID, MIME-Version, and a text part with
 * an optional HTML alternative, both UTF-8 in quoted-printable. Header values never carry CR or LF
 * from their inputs, and every line of the result ends in CRLF.
 *
 * <p>Jakarta Mail does the parts that need care: it quotes and RFC 2047-encodes the addresses and
 * the subject and folds them. The bodies are encoded by {@link QuotedPrintable}, which gives what
 * Angus's encoder gives, in one loop over an array. What is written here is only the frame of a
 * fixed shape, a dozen header lines and at most two parts, straight into one byte array without
 * locks. Building the same message through Jakarta Mail's object model ({@code MimeMessage}, data
 * handlers, content-type parsing, layers of encoder streams) took about 45 % more CPU alone on a
 * core (docs/benchmarks-log.md).
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
            from = from(fromAddress, fromName);
            recipient = recipient(to);
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("Cannot build the message: " + e.getMessage(), e);
        }
        String encodedSubject;
        try {
            encodedSubject = MimeUtility.fold(9, MimeUtility.encodeText(HeaderText.oneLine(subject), "UTF-8", null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e); // UTF-8 is always there
        }
        MessageBytes out = new MessageBytes((text.length() + (html == null ? 0 : html.length())) * 11 / 10 + 2048);
        out.line("Date: " + formatted(date));
        out.line("From: " + from);
        out.line("To: " + recipient);
        out.line("Message-ID: " + HeaderText.oneLine(messageId));
        out.line("Subject: " + encodedSubject);
        for (var header : headers.entrySet()) {
            out.line(header.getKey() + ": " + fold(header.getKey().length() + 2, HeaderText.oneLine(header.getValue())));
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
    private static void textPart(MessageBytes out, String type, String content) {
        out.line("Content-Type: " + type + "; charset=UTF-8");
        out.line("Content-Transfer-Encoding: quoted-printable");
        out.line("");
        QuotedPrintable.encode(content, out);
    }

    /** The From header's value last made: a campaign's messages share one sender. */
    private record FormattedFrom(String address, String name, String value) {}

    private static volatile FormattedFrom lastFrom;

    private static String from(String address, String name) throws UnsupportedEncodingException {
        FormattedFrom last = lastFrom;
        if (last == null || !Objects.equals(last.address(), address) || !Objects.equals(last.name(), name)) {
            last = new FormattedFrom(address, name,
                    InternetAddress.toString(new Address[] {new InternetAddress(address, HeaderText.oneLine(name), "UTF-8")}, 6));
            lastFrom = last;
        }
        return last.value();
    }

    /**
     * The To header's value. A plain address (a dot-atom of letters, digits and ". _ + -" at a
     * dotted domain of letters, digits and hyphens) that fits the line is written as it is, which
     * is what Jakarta Mail makes of it; parsing and formatting it through {@code InternetAddress}
     * was a twelfth of building a message. Any other address goes through Jakarta Mail, which
     * quotes, encodes, folds or refuses it ({@code MimeComposerProperties} checks the two agree).
     */
    static String recipient(String to) throws AddressException {
        if (to.length() <= 72 && isPlain(to)) {
            return to;
        }
        return InternetAddress.toString(new Address[] {new InternetAddress(to, true)}, 4);
    }

    private static boolean isPlain(String address) {
        int at = address.indexOf('@');
        if (at <= 0 || !isDotAtom(address, 0, at, ".+_-") || !isDotAtom(address, at + 1, address.length(), "-")) {
            return false;
        }
        return address.indexOf('.', at + 1) > 0; // a dotted domain: Jakarta Mail's view of a bare name is its own
    }

    /** Letters, digits and {@code others} between {@code from} and {@code to}, in dot-separated non-empty pieces. */
    private static boolean isDotAtom(String s, int from, int to, String others) {
        if (from == to || s.charAt(from) == '.' || s.charAt(to - 1) == '.') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean letterOrDigit = c < 0x80 && Character.isLetterOrDigit(c);
            if (c == '.' ? s.charAt(i - 1) == '.' : !letterOrDigit && others.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The last second formatted for the Date header: a batch's messages share one date. */
    private record FormattedDate(long epochSecond, String text) {}

    private static volatile FormattedDate lastDate = new FormattedDate(Long.MIN_VALUE, "");

    private static String formatted(Instant date) {
        FormattedDate last = lastDate;
        if (last.epochSecond() != date.getEpochSecond()) {
            last = new FormattedDate(date.getEpochSecond(), DATE.format(date));
            lastDate = last;
        }
        return last.text();
    }

    /**
     * Folds a one-line header value (RFC 5322 2.2.3): a CRLF goes before a blank wherever the line,
     * {@code used} characters of which its name takes, would pass 76 characters; a run without
     * blanks stays whole, and so do a run of blanks and a blank quoted by a backslash. Jakarta
     * Mail's {@code MimeUtility.fold} does the same but then re-reads its result line by line
     * through a {@code BufferedReader} to check for stray line breaks, and that was a tenth of
     * building a message with a List-Unsubscribe header; here the value has none ({@link
     * HeaderText#oneLine}).
     */
    static String fold(int used, String value) {
        if (used + value.length() <= 76) {
            return value;
        }
        StringBuilder folded = new StringBuilder(value.length() + 16);
        int start = 0;
        int room = 76 - used;
        while (value.length() - start > room) {
            int at = lastBlank(value, start + 1, Math.min(start + room, value.length() - 1));
            if (at < 0) {
                at = nextBlank(value, start + Math.max(room, 0) + 1);
            }
            if (at < 0) {
                break;
            }
            folded.append(value, start, at).append("\r\n");
            start = at; // the blank begins the next line
            room = 76;
        }
        return folded.append(value, start, value.length()).toString();
    }

    private static int lastBlank(String s, int from, int to) {
        for (int i = to; i >= from; i--) {
            if (breaksBefore(s, i)) {
                return i;
            }
        }
        return -1;
    }

    private static int nextBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (breaksBefore(s, i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A blank the line may break before: the first of a run of blanks (a break inside a run could
     * leave a line of blanks only, which RFC 5322 does not allow), and not one a backslash quotes
     * (a CRLF there would break a quoted pair).
     */
    private static boolean breaksBefore(String s, int i) {
        char before = s.charAt(i - 1);
        return (s.charAt(i) == ' ' || s.charAt(i) == '\t') && before != '\\' && before != ' ' && before != '\t';
    }
}
