package org.optline.inbound.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The new words of a reply: its text without the quoted message (lines starting with
 * {@code >}, and everything from the "On … wrote:" line or an "Original Message" separator or an
 * Outlook header block on), without the signature, clipped to {@link #MAX_CHARS}.
 */
final class ReplyText {

    static final int MAX_CHARS = 4096;

    private static final String SAID = "\\b(wrote|schrieb|a écrit|escribió|schreef|ha scritto)\\b.{0,200}:\\s*$";
    private static final Pattern ATTRIBUTION = Pattern.compile("(?iU)^\\s*(on|am|le|el|op|il)\\s.{0,300}" + SAID);
    private static final Pattern ATTRIBUTION_START = Pattern.compile("(?iU)^\\s*(on|am|le|el|op|il)\\s.{0,300}");
    private static final Pattern ATTRIBUTION_END = Pattern.compile("(?iU)^.{0,300}" + SAID);
    private static final Pattern SEPARATOR = Pattern.compile("(?i)^\\s*(-{2,}\\s*(original message|ursprüngliche nachricht|"
            + "message d'origine|mensaje original|oorspronkelijk bericht|messaggio originale|forwarded message)\\s*-{2,}|_{10,})\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile("(?i)^\\s*\\*?(from|von|de|van|da)\\s*:\\*?\\s.*");
    private static final Pattern HEADER_NEXT = Pattern.compile(
            "(?i)^\\s*\\*?(sent|gesendet|envoyé|enviado|verzonden|inviato|date|datum|fecha|to|an|à|para|aan|a)\\s*:\\*?.*");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
            "table", "ul", "ol", "pre", "hr", "section", "article");

    private ReplyText() {
    }

    /** The new words of a plain-text reply. */
    static String newText(String text) {
        List<String> kept = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", 2000);
        int total = 0;
        for (int i = 0; i < lines.length && total < MAX_CHARS; i++) {
            String line = lines[i];
            String next = i + 1 < lines.length ? lines[i + 1] : "";
            if (quoteStarts(line, next, lines, i)) {
                break;
            }
            if (line.equals("-- ") || line.equals("--")) {
                break;
            }
            if (line.stripLeading().startsWith(">")) {
                continue;
            }
            kept.add(line.stripTrailing());
            total += line.length() + 1;
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        while (!kept.isEmpty() && kept.get(0).isBlank()) {
            kept.remove(0);
        }
        return MailParts.clip(String.join("\n", kept), MAX_CHARS);
    }

    private static boolean quoteStarts(String line, String next, String[] lines, int i) {
        if (line.length() > 400) {
            return false;
        }
        if (ATTRIBUTION.matcher(line).find() || SEPARATOR.matcher(line).matches()) {
            return true;
        }
        // "On Mon, 7 Dec 2026 at 10:00, Name <address>" wrapped before "wrote:".
        if (ATTRIBUTION_START.matcher(line).matches() && next.length() < 300 && ATTRIBUTION_END.matcher(next).find()) {
            return true;
        }
        // An Outlook header block: "From: …" followed by "Sent: …" (or Date, To) within two lines.
        if (HEADER_FROM.matcher(line).matches()) {
            for (int j = i + 1; j < Math.min(lines.length, i + 3); j++) {
                if (HEADER_NEXT.matcher(lines[j]).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An HTML part's text with its line structure, quoted blocks (blockquote, Gmail's and Outlook's quote containers) left out. */
    static String htmlToText(String html) {
        Document document = Jsoup.parse(html);
        document.select("head, style, script, blockquote, .gmail_quote, .moz-cite-prefix").remove();
        // Outlook puts the quoted message after its header block or marker, as siblings.
        for (Element marker : document.select("#divRplyFwdMsg, #appendonsend")) {
            marker.nextElementSiblings().remove();
            marker.remove();
        }
        StringBuilder out = new StringBuilder();
        document.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (out.length() > MailParts.MAX_TEXT_BYTES) {
                    return;
                }
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName()) && !element.normalName().equals("br")) {
                    out.append('\n');
                }
            }
        });
        return out.toString().replace('\u00a0', ' ').replaceAll("\n[ \\t]+", "\n").replaceAll("\n{3,}", "\n\n");
    }
}
