package org.optline.site.accesslog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import ua_parser.Parser;

/**
 * A browser's family ("Chrome", "Firefox", "Mobile Safari", "Googlebot") from its User-Agent, by
 * ua-parser's maintained rule set; nothing else of the header is kept. The parser compiles some
 * hundreds of regular expressions, so there is one, and answers are remembered: a site sees few
 * distinct User-Agents, and each costs the rule set a scan.
 */
@Component
class BrowserFamilies {

    static final String UNKNOWN = "Other";
    private static final int MAX_HEADER = 512;
    private static final int MAX_REMEMBERED = 5_000;
    private static final int MAX_FAMILY = 100;

    private final Parser parser = new Parser();
    private final Map<String, String> remembered = new ConcurrentHashMap<>();

    String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        // A longer header is cut: the rules look at its start, and a huge one must not cost a long scan.
        String header = userAgent.length() > MAX_HEADER ? userAgent.substring(0, MAX_HEADER) : userAgent;
        String family = remembered.get(header);
        if (family == null) {
            family = parse(header);
            if (remembered.size() >= MAX_REMEMBERED) {
                // Forged headers could grow the map without end; starting over is cheap enough.
                remembered.clear();
            }
            remembered.put(header, family);
        }
        return family;
    }

    private String parse(String header) {
        String family = parser.parseUserAgent(header).family;
        if (family == null || family.isBlank()) {
            return UNKNOWN;
        }
        return family.length() > MAX_FAMILY ? family.substring(0, MAX_FAMILY) : family;
    }
}
