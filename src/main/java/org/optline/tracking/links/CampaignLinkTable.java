package org.optline.tracking.links;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trackable links of a campaign's content, numbered from 0 in the order they first appear:
 * the HTML part's, then those only the text part has. Made from the content's sources (merge tags
 * still in place), so a link that holds a merge tag is never in it.
 */
public final class CampaignLinkTable {

    private CampaignLinkTable() {}

    /** The targets in number order. */
    public static List<String> of(String htmlSource, String textSource, String baseUrl) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (LinkScanner.Found f : LinkScanner.html(htmlSource == null ? "" : htmlSource)) {
            String url = LinkScanner.decode(f.raw());
            if (LinkScanner.trackable(url, baseUrl)) {
                numbers.putIfAbsent(url, numbers.size());
            }
        }
        for (LinkScanner.Found f : LinkScanner.text(textSource == null ? "" : textSource)) {
            if (LinkScanner.trackable(f.raw(), baseUrl)) {
                numbers.putIfAbsent(f.raw(), numbers.size());
            }
        }
        return new ArrayList<>(numbers.keySet());
    }
}
