package org.optline.inbound.classify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Parses a raw message with mime4j within fixed bounds and reads what the rules need from it:
 * its leaf parts in order, a part's decoded text, header field blocks (delivery-status and
 * feedback-report bodies, returned headers), field values and addresses.
 *
 * <p>Bounds: only the first {@link #MAX_BYTES} of a message are read (a bounce's returned
 * message may be cut, its headers come first); at most {@link #MAX_FIELDS} header fields of
 * {@link #MAX_FIELD_LENGTH} characters each per header; at most {@link #MAX_PARTS} parts, nested
 * {@link #MAX_DEPTH} deep; at most {@link #MAX_TEXT_BYTES} of any part's body.
 */
final class MailParts {

    static final int MAX_BYTES = 2 * 1024 * 1024;
    static final int MAX_FIELDS = 1000;
    static final int MAX_FIELD_LENGTH = 64 * 1024;
    static final int MAX_PARTS = 200;
    static final int MAX_DEPTH = 12;
    static final int MAX_TEXT_BYTES = 64 * 1024;

    private static final MimeConfig CONFIG = new MimeConfig.Builder()
            .setStrictParsing(false)
            .setMaxLineLen(-1)
            .setMaxHeaderCount(MAX_FIELDS)
            .setMaxHeaderLen(MAX_FIELD_LENGTH)
            .setMaxContentLen(-1)
            .build();

    /** Line breaks of folded fields and the blanks around them; mime4j leaves the indent of continuation lines. */
    private static final Pattern FOLD = Pattern.compile("[ \\t]*(\\r?\\n|\\r)?[ \\t]+|[ \\t]*(\\r?\\n|\\r)");
    /**
     * An address-shaped word. The local part starts where a run of its characters starts and is at
     * most 64 long, so a search through a line of a hundred thousand such characters stays linear.
     */
    private static final String LOCAL_CHARS = "[A-Za-z0-9._%+!#$&'*/=?^`{|}~-]";
    private static final Pattern ADDRESS = Pattern.compile("(?<!" + LOCAL_CHARS + ")" + LOCAL_CHARS + "{1,64}+@"
            + "[A-Za-z0-9][A-Za-z0-9-]{0,62}+(?:\\.[A-Za-z0-9][A-Za-z0-9-]{0,62}+){1,20}+");

    private MailParts() {
    }

    private static DefaultMessageBuilder builder() {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(CONFIG);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        return builder;
    }

    static Message parse(byte[] raw) throws IOException {
        return builder().parseMessage(new ByteArrayInputStream(raw, 0, Math.min(raw.length, MAX_BYTES)));
    }

    /** Parses one block of header fields (no body), as delivery-status and feedback-report bodies hold them. */
    static Header parseFields(String block) throws IOException {
        return builder().parseHeader(new ByteArrayInputStream((block.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses the bytes of a returned-headers part (text/rfc822-headers, a message part kept as bytes). */
    static Header parseFields(Body body) throws IOException {
        if (body instanceof Message message) {
            return message.getHeader();
        }
        return parseFields(text(body, StandardCharsets.UTF_8));
    }

    /**
     * The message's parts that are not multiparts, depth first in order; a message/rfc822 part is
     * one part (what it holds is the returned message, not this one's).
     */
    static List<Entity> leaves(Message message) {
        List<Entity> found = new ArrayList<>();
        collect(message, 0, found);
        return found;
    }

    private static void collect(Entity entity, int depth, List<Entity> found) {
        if (found.size() >= MAX_PARTS) {
            return;
        }
        if (entity.getBody() instanceof Multipart multipart) {
            if (depth < MAX_DEPTH) {
                for (Entity part : multipart.getBodyParts()) {
                    collect(part, depth + 1, found);
                }
            }
        } else {
            found.add(entity);
        }
    }

    static String mimeType(Entity entity) {
        String type = entity.getMimeType();
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }

    /** A Content-Type parameter of the entity ({@code report-type}), lower case, or "". */
    static String contentTypeParameter(Entity entity, String name) {
        Field field = entity.getHeader() == null ? null : entity.getHeader().getField("Content-Type");
        if (field instanceof org.apache.james.mime4j.dom.field.ContentTypeField type) {
            String value = type.getParameter(name);
            return value == null ? "" : value.toLowerCase(Locale.ROOT).strip();
        }
        return "";
    }

    /** The part's body as text, transfer encoding undone and decoded in its charset, at most {@link #MAX_TEXT_BYTES}. */
    static String text(Entity entity) throws IOException {
        return text(entity.getBody(), charset(entity.getCharset()));
    }

    private static String text(Body body, Charset charset) throws IOException {
        if (!(body instanceof SingleBody single)) {
            return "";
        }
        byte[] bytes;
        try (InputStream in = single.getInputStream()) {
            bytes = in.readNBytes(MAX_TEXT_BYTES);
        }
        if (charset != null) {
            return new String(bytes, charset);
        }
        // Declared US-ASCII (the default) or an unknown charset: UTF-8 when the bytes are UTF-8,
        // else Latin-1, which never fails, so an undeclared 8-bit text still reads.
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static Charset charset(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("us-ascii")) {
            return null;
        }
        try {
            return Charset.forName(name.strip());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A field's value, unfolded (runs of blanks made one), encoded words decoded, trimmed; null when absent or blank. */
    static String value(Header header, String name) {
        String raw = rawValue(header, name);
        return raw == null ? null : DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT).strip();
    }

    /** A field's value unfolded but with encoded words left as they are (for address fields). */
    static String rawValue(Header header, String name) {
        if (header == null) {
            return null;
        }
        Field field = header.getField(name);
        if (field == null || field.getBody() == null) {
            return null;
        }
        String value = FOLD.matcher(field.getBody()).replaceAll(" ").strip();
        return value.isEmpty() ? null : value;
    }

    /** The address in an address field ({@code From}, {@code To}), or null. */
    static String addressField(Header header, String name) {
        return address(rawValue(header, name));
    }

    /** The address in a field value ({@code "Name" <a@b>}, {@code rfc822; a@b}, {@code <a@b>}), or null. */
    static String address(String value) {
        if (value == null) {
            return null;
        }
        try {
            Mailbox mailbox = LenientAddressParser.DEFAULT.parseMailbox(value);
            if (mailbox != null && mailbox.getLocalPart() != null && mailbox.getDomain() != null
                    && !mailbox.getLocalPart().isBlank() && ADDRESS.matcher(mailbox.getAddress()).matches()
                    && value.contains(mailbox.getAddress())) {
                return mailbox.getAddress();
            }
        } catch (RuntimeException e) {
            // Not an RFC 5322 mailbox; look for an address-shaped word below.
        }
        Matcher m = ADDRESS.matcher(value);
        return m.find() ? m.group() : null;
    }

    /** The first address-shaped word in a line of text, or null. */
    static String firstAddress(String line) {
        Matcher m = ADDRESS.matcher(line);
        return m.find() ? m.group() : null;
    }

    static String localPart(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(0, at).toLowerCase(Locale.ROOT);
    }

    static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
