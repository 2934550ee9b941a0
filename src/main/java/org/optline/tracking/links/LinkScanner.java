package org.optline.tracking.links;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.parser.Parser;

/**
 * Finds the links of a message: {@code href} attributes in the HTML part (the campaign module's
 * sanitiser writes every attribute in double quotes, which is what is looked for), bare
 * {@code http(s)://} addresses in the text part. Which of them tracking may rewrite is
 * {@link #trackable}. Works on plain strings with {@code indexOf}: it runs on every message sent.
 */
public final class LinkScanner {

    private static final String HREF = "href=\"";

    private LinkScanner() {}

    /** One link found: where its text starts and ends in the part, and the text as written there. */
    public record Found(int start, int end, String raw) {}

    /** The {@code href="…"} values of {@code html}, each as written (entities not decoded). */
    public static List<Found> html(String html) {
        List<Found> found = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = html.indexOf(HREF, from);
            if (at < 0) {
                return found;
            }
            int start = at + HREF.length();
            int end = html.indexOf('"', start);
            if (end < 0) {
                return found;
            }
            // An attribute name, not "data-href=" or text that merely contains the letters.
            if (at > 0 && Character.isWhitespace(html.charAt(at - 1))) {
                found.add(new Found(start, end, html.substring(start, end)));
            }
            from = end + 1;
        }
    }

    /** The {@code http://} and {@code https://} addresses of a text part, without trailing punctuation. */
    public static List<Found> text(String text) {
        List<Found> found = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = text.indexOf("http", from);
            if (at < 0) {
                return found;
            }
            boolean scheme = text.startsWith("://", at + 4) || text.startsWith("s://", at + 4);
            boolean wordStart = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            if (!scheme || !wordStart) {
                from = at + 4;
                continue;
            }
            int end = at;
            while (end < text.length() && !ends(text.charAt(end))) {
                end++;
            }
            while (end > at && ".,;:!?'".indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            found.add(new Found(at, end, text.substring(at, end)));
            from = Math.max(end, at + 4);
        }
    }

    private static boolean ends(char c) {
        return Character.isWhitespace(c) || c == '<' || c == '>' || c == '"' || c == '(' || c == ')' || c == '[' || c == ']';
    }

    /** The address an HTML attribute value stands for ({@code &amp;} → {@code &}, …). */
    public static String decode(String attribute) {
        return attribute.indexOf('&') < 0 ? attribute : Parser.unescapeEntities(attribute, true);
    }

    /**
     * Whether tracking may rewrite {@code url} (decoded): an http(s) address with no merge tag in it
     * (a personal address has no one stored target to redirect to, and its query may carry data
     * the person should not see sent through us twice), and none of Optline's own public pages
     * ({@code /s/…}: unsubscribe, preferences, the web version) or tracking links.
     */
    public static boolean trackable(String url, String baseUrl) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")) || url.contains("{{") || url.contains("}}")) {
            return false;
        }
        return !(url.startsWith(baseUrl + "/s/") || url.startsWith(baseUrl + "/t/"));
    }
}
