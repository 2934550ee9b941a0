package org.optline.delivery.outbox;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import org.optline.delivery.OutboxView;

/**
 * A captured message taken apart with Jakarta Mail: its header fields (unfolded, RFC 2047 words
 * decoded), the first text/plain and the first text/html body that are not attachments, each
 * decoded from its transfer encoding and charset. Raw text that is not MIME at all yields its
 * headers as far as they parse and no parts; nothing here throws on what a message holds.
 */
public record MessageParts(List<OutboxView.Header> headers, String text, String html) {

    private static final Session SESSION = Session.getInstance(new Properties());
    /** Deeper nesting than any composer writes: a message that nests further is not walked on. */
    private static final int MAX_DEPTH = 10;

    public static MessageParts parse(String raw) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            List<OutboxView.Header> headers = new ArrayList<>();
            Enumeration<Header> all = message.getAllHeaders();
            while (all.hasMoreElements()) {
                Header h = all.nextElement();
                headers.add(new OutboxView.Header(h.getName(), decode(h.getValue())));
            }
            String[] bodies = new String[2];
            walk(message, bodies, 0);
            return new MessageParts(List.copyOf(headers), bodies[0], bodies[1]);
        } catch (MessagingException | IOException e) {
            return new MessageParts(List.of(), null, null);
        }
    }

    private static void walk(Part part, String[] bodies, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, bodies, depth + 1);
            }
        } else if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = text(part);
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = text(part);
        }
    }

    /** The part's text in its own charset; a charset Java does not know is read as UTF-8. */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
        } catch (UnsupportedEncodingException e) {
            // an unknown charset name: fall through to the decoded bytes
        }
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static String decode(String value) {
        if (value == null) {
            return "";
        }
        String unfolded = MimeUtility.unfold(value).strip();
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException e) {
            return unfolded;
        }
    }
}
