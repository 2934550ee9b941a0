package org.optline.campaign.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Selector;

/**
 * Moves the rules of {@code <style>} blocks into {@code style} attributes, because many mail
 * clients (Gmail's app among them) drop style blocks. jsoup matches the selectors; the rules are
 * split by the small parser below, written by hand because the CSS libraries on offer parse far
 * more than this needs (we only need selector lists and declaration blocks) and would be the
 * largest dependency of the module. Rules apply in order of specificity, then source order;
 * declarations already inline win. {@code @media} and other at-rules, and selectors with
 * pseudo-classes or pseudo-elements (:hover, ::before), cannot be inlined and are dropped.
 */
public final class CssInliner {

    private CssInliner() {}

    /** One selector with its declarations, its specificity and its position in the source. */
    private record Rule(String selector, Map<String, String> declarations, int specificity, int order) {}

    public static String inline(String html) {
        if (html == null || !html.toLowerCase(Locale.ROOT).contains("<style")) {
            return html;
        }
        Document doc = Jsoup.parse(html);
        doc.outputSettings().prettyPrint(false);
        List<Rule> rules = new ArrayList<>();
        for (Element style : doc.select("style")) {
            rules.addAll(parse(style.data(), rules.size()));
            style.remove();
        }
        rules.sort(Comparator.comparingInt(Rule::specificity).thenComparingInt(Rule::order));
        Map<Element, Map<String, String>> computed = new LinkedHashMap<>();
        for (Rule rule : rules) {
            List<Element> matches;
            try {
                matches = doc.select(rule.selector());
            } catch (Selector.SelectorParseException e) {
                continue;
            }
            for (Element e : matches) {
                computed.computeIfAbsent(e, k -> new LinkedHashMap<>()).putAll(rule.declarations());
            }
        }
        computed.forEach((element, declarations) -> {
            Map<String, String> merged = new LinkedHashMap<>(declarations);
            merged.putAll(declarations(element.attr("style")));
            StringBuilder style = new StringBuilder();
            merged.forEach((k, v) -> style.append(k).append(": ").append(v).append("; "));
            element.attr("style", style.toString().strip());
        });
        boolean fullDocument = html.toLowerCase(Locale.ROOT).contains("<html");
        return fullDocument ? doc.outerHtml() : doc.body().html();
    }

    static List<Rule> parse(String css, int firstOrder) {
        String text = css.replaceAll("(?s)/\\*.*?\\*/", "");
        List<Rule> rules = new ArrayList<>();
        int i = 0;
        int order = firstOrder;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                break;
            }
            String selectors = text.substring(i, open).strip();
            int close = matchingBrace(text, open);
            String body = text.substring(open + 1, close < 0 ? text.length() : close);
            i = close < 0 ? text.length() : close + 1;
            if (selectors.startsWith("@")) {
                continue; // @media, @font-face …: nothing to inline
            }
            Map<String, String> declarations = declarations(body);
            for (String selector : selectors.split(",")) {
                String s = selector.strip();
                if (!s.isEmpty() && !s.contains(":") && !declarations.isEmpty()) {
                    rules.add(new Rule(s, declarations, specificity(s), order++));
                }
            }
        }
        return rules;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int j = open; j < text.length(); j++) {
            if (text.charAt(j) == '{') {
                depth++;
            } else if (text.charAt(j) == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    static Map<String, String> declarations(String block) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : block.split(";")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                String name = part.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = part.substring(colon + 1).strip();
                if (!name.isEmpty() && !value.isEmpty()) {
                    out.put(name, value);
                }
            }
        }
        return out;
    }

    /** ids ×100, classes and attributes ×10, element names ×1. */
    static int specificity(String selector) {
        int score = 0;
        for (String part : selector.split("[\\s>+~]+")) {
            score += 100 * count(part, '#') + 10 * (count(part, '.') + count(part, '['));
            if (!part.isEmpty() && Character.isLetter(part.charAt(0))) {
                score += 1;
            }
        }
        return score;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }
}
