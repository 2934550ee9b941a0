package org.optline.campaign.render;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The plain-text part generated from the HTML when a client gives none: paragraphs and headings
 * on their own lines (headings underlined), list items as "- ", links as {@code text (url)}, and
 * no markup. Written by hand over jsoup's tree because jsoup's own text flattens everything into
 * one line.
 */
public final class HtmlToText {

    private HtmlToText() {}

    public static String convert(String html) {
        StringBuilder out = new StringBuilder();
        walk(Jsoup.parse(html == null ? "" : html).body(), out);
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip() + "\n";
    }

    private static void walk(Node node, StringBuilder out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode text) {
                String t = text.text().replaceAll("\\s+", " ");
                if (!t.isBlank() || (out.length() > 0 && out.charAt(out.length() - 1) != '\n')) {
                    out.append(t);
                }
            } else if (child instanceof Element e) {
                element(e, out);
            }
        }
    }

    private static void element(Element e, StringBuilder out) {
        switch (e.tagName()) {
            case "br" -> out.append('\n');
            case "script", "style", "head", "title" -> { }
            case "a" -> {
                String href = e.attr("href");
                String text = e.text().strip();
                if (href.isBlank() || href.startsWith("#")) {
                    out.append(text);
                } else if (text.isEmpty() || text.equals(href) || ("mailto:" + text).equals(href)) {
                    out.append(href);
                } else {
                    out.append(text).append(" (").append(href).append(')');
                }
            }
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                String text = e.text().strip();
                out.append("\n\n").append(text).append('\n')
                        .append((e.tagName().equals("h1") ? "=" : "-").repeat(Math.max(3, text.length()))).append("\n\n");
            }
            case "li" -> {
                out.append("\n- ");
                walk(e, out);
            }
            case "p", "div", "table", "tr", "ul", "ol", "blockquote", "center", "hr" -> {
                out.append("\n\n");
                walk(e, out);
                out.append("\n\n");
            }
            case "td", "th" -> {
                walk(e, out);
                out.append(' ');
            }
            case "img" -> {
                String alt = e.attr("alt").strip();
                if (!alt.isEmpty()) {
                    out.append('[').append(alt).append(']');
                }
            }
            default -> walk(e, out);
        }
    }
}
