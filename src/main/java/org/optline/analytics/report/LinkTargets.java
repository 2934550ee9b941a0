package org.optline.analytics.report;

import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;

/**
 * The targets of a campaign's tracked links, by index: the http(s) links of its HTML content in
 * document order, the order in which tracking numbers them.
 */
public final class LinkTargets {

    private LinkTargets() {}

    public static List<String> of(String html) {
        if (html == null || html.isBlank()) {
            return List.of();
        }
        return Jsoup.parse(html).select("a[href]").stream().map(a -> a.attr("href").strip())
                .filter(href -> {
                    String lower = href.toLowerCase(Locale.ROOT);
                    return lower.startsWith("http://") || lower.startsWith("https://");
                }).toList();
    }
}
