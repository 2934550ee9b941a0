package org.optline.tracking;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.tracking.links.LinkScanner;
import org.optline.tracking.token.ProviderGroup;
import org.optline.tracking.token.TrackingToken;
import org.optline.tracking.token.TrackingTokens;

/**
 * Points one campaign's messages at tracking: each link of the stored link table becomes
 * {@code {base-url}/t/c/{token}} in the HTML and the text part, and an open pixel
 * {@code {base-url}/t/o/{token}} goes at the end of the HTML body. A link is found by its text as
 * the content's source has it, so a link the message shows differently (a merge tag filled in) is
 * left alone. Made once per campaign by {@link Tracking#links}; safe from several threads.
 */
public final class CampaignLinks {

    /** A message with its links rewritten. */
    public record Rewritten(String html, String text) {}

    private final UUID campaignId;
    private final boolean anonymous;
    private final TrackingTokens tokens;
    private final String clickBase;
    private final String openBase;
    /** Link number by the attribute value as written in the HTML source, and by address in the text part. */
    private final Map<String, Integer> htmlNumbers = new HashMap<>();
    private final Map<String, Integer> textNumbers = new HashMap<>();

    CampaignLinks(UUID campaignId, List<String> targets, String htmlSource, String textSource, boolean anonymous,
                  TrackingTokens tokens, String baseUrl) {
        this.campaignId = campaignId;
        this.anonymous = anonymous;
        this.tokens = tokens;
        this.clickBase = baseUrl + "/t/c/";
        this.openBase = baseUrl + "/t/o/";
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            numbers.putIfAbsent(targets.get(i), i);
        }
        for (LinkScanner.Found f : LinkScanner.html(htmlSource == null ? "" : htmlSource)) {
            Integer n = numbers.get(LinkScanner.decode(f.raw()));
            if (n != null) {
                htmlNumbers.putIfAbsent(f.raw(), n);
            }
        }
        for (LinkScanner.Found f : LinkScanner.text(textSource == null ? "" : textSource)) {
            Integer n = numbers.get(f.raw());
            if (n != null) {
                textNumbers.putIfAbsent(f.raw(), n);
            }
        }
    }

    /**
     * The message for {@code subscriberId} with tracked links and the open pixel. The subscriber is
     * left out of the tokens in anonymous mode; {@code providerGroup} is delivery's group of the
     * recipient's domain ({@code google}, …, anything else counts as other).
     */
    public Rewritten rewrite(UUID subscriberId, String providerGroup, Instant sentAt, String html, String text) {
        UUID who = anonymous ? null : subscriberId;
        ProviderGroup group = ProviderGroup.of(providerGroup);
        Map<Integer, String> made = new HashMap<>();
        String newHtml = html == null ? null : withPixel(replace(html, true, htmlNumbers, who, group, sentAt, made),
                tokens.sign(new TrackingToken(campaignId, who, TrackingToken.OPEN, group, sentAt)));
        String newText = text == null ? null : replace(text, false, textNumbers, who, group, sentAt, made);
        return new Rewritten(newHtml, newText);
    }

    private String replace(String part, boolean html, Map<String, Integer> numbers, UUID who,
                           ProviderGroup group, Instant sentAt, Map<Integer, String> made) {
        if (numbers.isEmpty()) {
            return part; // no link of this part is tracked: not even scanned
        }
        List<LinkScanner.Found> found = html ? LinkScanner.html(part) : LinkScanner.text(part);
        StringBuilder out = new StringBuilder(part.length() + found.size() * 80);
        int copied = 0;
        for (LinkScanner.Found f : found) {
            Integer n = numbers.get(f.raw());
            if (n == null) {
                continue;
            }
            // One token per link and message, whether the link shows once or in both parts.
            String token = made.computeIfAbsent(n, k -> tokens.sign(new TrackingToken(campaignId, who, k, group, sentAt)));
            out.append(part, copied, f.start()).append(clickBase).append(token);
            copied = f.end();
        }
        return copied == 0 ? part : out.append(part, copied, part.length()).toString();
    }

    /** The pixel just inside the end of the body, or at the end when the HTML has no body tag. */
    private String withPixel(String html, String token) {
        String pixel = "<img src=\"" + openBase + token + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;"
                + "width:1px;height:1px\">";
        int body = html.lastIndexOf("</body>");
        int at = body < 0 ? html.length() : body;
        // One copy of the message, not three (substring, substring, concatenation): it runs for every message.
        return new StringBuilder(html.length() + pixel.length()).append(html, 0, at).append(pixel).append(html, at, html.length())
                .toString();
    }
}
