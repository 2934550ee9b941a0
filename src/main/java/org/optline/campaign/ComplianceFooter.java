package org.optline.campaign;

import java.util.Locale;
import org.optline.campaign.render.MergeTags;

/**
 * The footer every campaign message carries (STANDARDS 1.7 and 1.10): the client's name and postal
 * address always, and a way out (unsubscribe and preferences links) unless the content has its own.
 */
final class ComplianceFooter {

    private ComplianceFooter() {}

    /**
     * The HTML footer, before {@code </body>} or at the end: the unsubscribe link left out when the
     * content has its own ({@code linked}: one that survives sanitising; one in a comment is not a link).
     */
    static String html(String html, boolean linked) {
        // The address keeps its lines: pre-line shows the line breaks of the merged value, which an
        // HTML merge value cannot carry as tags (values are escaped).
        StringBuilder footer = new StringBuilder("<p class=\"optline-footer\" style=\"white-space: pre-line\">{{client_name}}<br>"
                + "{{postal_address}}");
        if (!linked) {
            footer.append("<br><a href=\"{{unsubscribe_url}}\">Unsubscribe</a> · <a href=\"{{preferences_url}}\">Preferences</a>");
        }
        footer.append("</p>");
        int body = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        return body >= 0 ? html.substring(0, body) + footer + html.substring(body) : html + footer;
    }

    /**
     * The same footer for a text part the client wrote: a reader who sees only the text part sees
     * the postal address and a way out too. Null stays null: the text part is then made from the
     * HTML, footer included.
     */
    static String text(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        StringBuilder footer = new StringBuilder(text.stripTrailing()).append("\n\n--\n{{client_name}}\n{{postal_address}}\n");
        if (!MergeTags.names(text).contains("unsubscribe_url")) {
            footer.append("Unsubscribe: {{unsubscribe_url}}\nPreferences: {{preferences_url}}\n");
        }
        return footer.toString();
    }
}
