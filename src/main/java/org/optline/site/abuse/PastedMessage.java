package org.optline.site.abuse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Reads what a visitor pasted into the abuse form (a whole message, its headers alone, or a piece
 * of its body) for the pieces only this installation signs: VERP bounce addresses, Message-IDs,
 * tracking-link tokens, unsubscribe and preference-link tokens, and the recipient named in the
 * headers. It is lenient, because people paste from mail programs: a common indent or quote
 * marker is taken off every line, folded header lines are joined, quoted-printable soft breaks
 * and escapes are undone, and MIME parts (base64 too) are decoded with mime4j. Whether a piece
 * is genuine is for the caller to verify; nothing here throws, whatever the text.
 */
final class PastedMessage {

    /** Pieces of each kind kept at most: a paste full of look-alikes costs bounded verifying. */
    static final int MAX_PER_KIND = 50;
    private static final int MAX_PARTS = 50;
    private static final int MAX_PART_BYTES = 512 * 1024;

    private static final String TOKEN = "[A-Za-z0-9_-]{1,200}+\\.[A-Za-z0-9_-]{1,200}+";
    private static final Pattern BOUNCE = Pattern.compile("(?<![A-Za-z0-9._%+-])b-" + TOKEN + "@[A-Za-z0-9.-]{1,253}+");
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s@]{1,250}+@[^<>\\s@]{1,250}+)>");
    private static final Pattern TRACKING = Pattern.compile("/t/[co]/([A-Za-z0-9_-]{10,200}+)");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("/s/unsubscribe/(" + TOKEN + ")");
    private static final Pattern PREFERENCES = Pattern.compile("/s/preferences/(" + TOKEN + ")");
    private static final Pattern RECIPIENT_HEADER = Pattern.compile("(?im)^(?:to|delivered-to|x-original-to|original-recipient)"
            + "[ \\t]*:[ \\t]*([^\\n]{0,2000})");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+!#$&'*/=?^`{|}~-]{1,64}+@[A-Za-z0-9.-]{1,253}+");
    private static final Pattern QP_ESCAPE = Pattern.compile("=([0-9A-Fa-f]{2})");

    private static final MimeConfig MIME = new MimeConfig.Builder().setStrictParsing(false).setMaxLineLen(-1)
            .setMaxHeaderCount(500).setMaxHeaderLen(64 * 1024).setMaxContentLen(-1).build();

    /** What the paste holds, each kind in the order found, without repeats. */
    record Evidence(List<String> messageIds, List<String> bounceAddresses, List<String> trackingTokens,
                    List<String> unsubscribeTokens, List<String> preferencesTokens, String recipient) {

        boolean isEmpty() {
            return messageIds.isEmpty() && bounceAddresses.isEmpty() && trackingTokens.isEmpty()
                    && unsubscribeTokens.isEmpty() && preferencesTokens.isEmpty();
        }
    }

    private PastedMessage() {}

    static Evidence read(String pasted) {
        if (pasted == null || pasted.isEmpty()) {
            return new Evidence(List.of(), List.of(), List.of(), List.of(), List.of(), null);
        }
        String text = unindented(pasted.replace("\r\n", "\n").replace('\r', '\n'));
        List<String> views = new ArrayList<>();
        views.add(text);
        views.add(unfolded(text));
        views.add(quotedPrintable(text));
        String flush = text.lines().map(String::stripLeading).reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'),
                StringBuilder::append).toString();
        views.add(quotedPrintable(flush));
        views.addAll(mimeText(text));

        Set<String> ids = new LinkedHashSet<>();
        Set<String> bounces = new LinkedHashSet<>();
        Set<String> tracking = new LinkedHashSet<>();
        Set<String> unsubscribe = new LinkedHashSet<>();
        Set<String> preferences = new LinkedHashSet<>();
        for (String view : views) {
            collect(MESSAGE_ID, 1, view, ids);
            collect(BOUNCE, 0, view, bounces);
            collect(TRACKING, 1, view, tracking);
            collect(UNSUBSCRIBE, 1, view, unsubscribe);
            collect(PREFERENCES, 1, view, preferences);
        }
        return new Evidence(List.copyOf(ids), List.copyOf(bounces), List.copyOf(tracking), List.copyOf(unsubscribe),
                List.copyOf(preferences), recipient(unfolded(text), unfolded(flush)));
    }

    private static void collect(Pattern pattern, int group, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (into.size() < MAX_PER_KIND && m.find()) {
            into.add(m.group(group));
        }
    }

    /** The first address of the first To (or Delivered-To, X-Original-To) header, else null. */
    private static String recipient(String... views) {
        for (String text : views) {
            Matcher header = RECIPIENT_HEADER.matcher(text);
            while (header.find()) {
                Matcher address = ADDRESS.matcher(header.group(1));
                if (address.find()) {
                    return address.group();
                }
            }
        }
        return null;
    }

    /**
     * Takes off what a mail program or a forum put before every line: the shortest run of blanks,
     * or a quote marker ({@code >} with its space) when every non-empty line has one.
     */
    static String unindented(String text) {
        String[] lines = text.split("\n", -1);
        boolean quoted = true;
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            quoted &= line.stripLeading().startsWith(">");
            int blanks = 0;
            while (blanks < line.length() && (line.charAt(blanks) == ' ' || line.charAt(blanks) == '\t')) {
                blanks++;
            }
            indent = Math.min(indent, blanks);
        }
        if (indent == Integer.MAX_VALUE) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String line : lines) {
            String l = line.length() >= indent ? line.substring(indent) : line.stripLeading();
            if (quoted && l.startsWith(">")) {
                l = l.substring(1);
                l = l.startsWith(" ") ? l.substring(1) : l;
            }
            out.append(l).append('\n');
        }
        return out.toString();
    }

    /** Folded header lines joined onto the line they continue (RFC 5322 section 2.2.3). */
    static String unfolded(String text) {
        return text.replaceAll("\n[ \t]++", " ");
    }

    /** Soft line breaks removed and {@code =XX} escapes decoded as UTF-8 bytes; other text kept as it is. */
    static String quotedPrintable(String text) {
        String joined = text.replaceAll("=[ \t]*+\n", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream(joined.length());
        Matcher m = QP_ESCAPE.matcher(joined);
        int at = 0;
        while (m.find()) {
            out.writeBytes(joined.substring(at, m.start()).getBytes(StandardCharsets.UTF_8));
            out.write(Integer.parseInt(m.group(1), 16));
            at = m.end();
        }
        out.writeBytes(joined.substring(at).getBytes(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The decoded text of each MIME text part, when the paste parses as a message; none otherwise. */
    private static List<String> mimeText(String text) {
        List<String> out = new ArrayList<>();
        try {
            DefaultMessageBuilder builder = new DefaultMessageBuilder();
            builder.setMimeEntityConfig(MIME);
            builder.setDecodeMonitor(DecodeMonitor.SILENT);
            Message message = builder.parseMessage(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            walk(message, out, 0);
        } catch (IOException | RuntimeException unreadable) {
            // Not a message mime4j can read: the other views still hold the text as pasted.
        }
        return out;
    }

    private static void walk(Entity entity, List<String> out, int depth) throws IOException {
        if (out.size() >= MAX_PARTS || depth > 10) {
            return;
        }
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                walk(part, out, depth + 1);
            }
        } else if (body instanceof Message inner) {
            walk(inner, out, depth + 1);
        } else if (body instanceof TextBody textBody) {
            Charset charset;
            try {
                charset = textBody.getMimeCharset() == null ? StandardCharsets.UTF_8 : Charset.forName(textBody.getMimeCharset());
            } catch (IllegalArgumentException unknown) {
                charset = StandardCharsets.UTF_8;
            }
            try (InputStream in = textBody.getInputStream()) {
                out.add(new String(in.readNBytes(MAX_PART_BYTES), charset));
            }
        }
    }
}
