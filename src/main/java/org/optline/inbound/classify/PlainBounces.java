package org.optline.inbound.classify;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.optline.inbound.MailKind;
import org.optline.inbound.classify.Classification.Returned;

/**
 * Reads the bounces that carry no delivery-status part, by the words the common mail servers
 * write (Postfix's text part when its report part is lost, qmail and Yahoo's qmail heritage, old Sendmail,
 * Exim without DSN, Exchange). Only a
 * known shape with both a failed address and an SMTP code counts; anything less is not a bounce
 * this reads, so a guess never suppresses an address.
 */
final class PlainBounces {

    /** A server family, known by a sentence it writes at the top of its bounce. */
    private record Shape(String family, String marker) {}

    private static final List<Shape> SHAPES = List.of(
            new Shape("postfix", "this is the mail system at host"),
            new Shape("qmail", "this is the qmail-send program"),
            new Shape("yahoo", "sorry, we were unable to deliver your message to the following address"),
            new Shape("sendmail", "----- the following addresses had permanent fatal errors -----"),
            new Shape("sendmail", "----- transcript of session follows -----"),
            new Shape("exim", "this message was created automatically by mail delivery software"),
            new Shape("exchange", "delivery has failed to these recipients or groups"),
            new Shape("exchange", "your message did not reach some or all of the intended recipients"));

    private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster", "mail-daemon");
    private static final Pattern SPACES = Pattern.compile("[ \\t]+");
    private static final int MAX_LINES = 200;
    /** Where the bounce's own words end and the returned message begins. */
    private static final Pattern COPY = Pattern.compile(
            "(?i)copy of the (original )?message|original message (follows|headers)|-{3,}\\s*original message"
            + "|unsent message follows|message headers follow|^\\s*received:");

    private PlainBounces() {
    }

    /** The From address or the reverse path is a mail system's own: MAILER-DAEMON, postmaster. */
    static boolean fromDaemon(String fromAddress, String mailFrom) {
        return DAEMONS.contains(MailParts.localPart(fromAddress)) || DAEMONS.contains(MailParts.localPart(mailFrom));
    }

    /**
     * Reads the text of a message whose sender looks like a bounce's; null when the text has no
     * shape this knows (it may then be something else, an auto-reply with the null sender).
     *
     * @param failedRecipients the X-Failed-Recipients header Exim adds, or null
     * @param ownDomains       domains whose addresses are never the failed recipient (ours)
     * @param attached         the headers of a returned message attached as a part, or null
     */
    static Classification read(String text, String failedRecipients, Set<String> ownDomains, Returned attached) {
        String[] all = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", MAX_LINES + 1);
        int copyAt = copyStart(all);
        String[] lines = Arrays.copyOf(all, copyAt);
        int start = -1;
        String family = null;
        for (int i = 0; i < lines.length && family == null; i++) {
            String line = SPACES.matcher(lines[i].strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
            for (Shape shape : SHAPES) {
                if (line.contains(shape.marker())) {
                    family = shape.family();
                    start = i;
                    break;
                }
            }
        }
        if (family == null) {
            return null;
        }
        Returned returned = attached != null ? attached : inlineCopy(all, copyAt);
        String recipient = MailParts.address(failedRecipients);
        int at = start;
        for (int i = start; i < lines.length && recipient == null; i++) {
            String candidate = MailParts.firstAddress(lines[i]);
            if (candidate != null && !DAEMONS.contains(MailParts.localPart(candidate)) && !ownDomain(candidate, ownDomains)) {
                recipient = candidate;
                at = i;
            }
        }
        String code = null;
        String diagnostic = null;
        for (int i = at; i < lines.length && code == null; i++) {
            code = StatusCodes.anyCode(lines[i]);
            if (code != null) {
                diagnostic = MailParts.clip(lines[i].strip(), DeliveryStatusReports.MAX_DIAGNOSTIC);
            }
        }
        String rule = "bounce text: " + family;
        if (recipient == null || code == null) {
            return Classifications.unknown(rule + (recipient == null ? ", no failed address" : ", no smtp code"), returned);
        }
        if (!StatusCodes.permanent(code) && !StatusCodes.temporary(code)) {
            return Classifications.unknown(rule + ", not a failure " + code, returned);
        }
        MailKind kind = StatusCodes.permanent(code) ? MailKind.HARD_BOUNCE : MailKind.SOFT_BOUNCE;
        rule = rule + (StatusCodes.blamesSender(code) ? " sender-blamed " : " ") + code;
        return new Classification(kind, recipient, code, diagnostic, rule, returned, null, null);
    }

    /** The line where the returned copy begins (the bounce's own words end), or the number of lines read. */
    private static int copyStart(String[] lines) {
        int end = Math.min(lines.length, MAX_LINES);
        for (int i = 0; i < end; i++) {
            if (COPY.matcher(lines[i]).find()) {
                return i;
            }
        }
        return end;
    }

    /** The headers of the returned copy that follows the bounce's words in the same text, read by mime4j. */
    private static Returned inlineCopy(String[] lines, int copyAt) {
        if (copyAt >= lines.length) {
            return null;
        }
        String copy = String.join("\n", Arrays.copyOfRange(lines, copyAt + 1, lines.length)).stripLeading();
        try {
            Returned returned = ReturnedHeaders.of(MailParts.parseFields(copy));
            return returned.messageId() == null && returned.returnPath() == null && returned.to() == null ? null : returned;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean ownDomain(String address, Set<String> ownDomains) {
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return ownDomains.contains(domain);
    }
}
