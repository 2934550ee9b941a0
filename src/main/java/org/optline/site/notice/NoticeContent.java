package org.optline.site.notice;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.optline.site.PolicyPublished;

/**
 * What a material-change notice says: the subject, and the text and HTML parts with the change's
 * summary and the address of the published versions. The campaign's footer adds the platform's
 * postal address and the unsubscribe and preference links, as for any campaign.
 */
final class NoticeContent {

    static final String SUBJECT = "Our privacy policy changes";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private NoticeContent() {}

    /** Where the published versions are read and compared. */
    static String versionsUrl(String baseUrl) {
        return baseUrl + "/privacy/versions";
    }

    static String text(PolicyPublished policy, String baseUrl) {
        return "We have published version " + policy.version() + " of our privacy policy on "
                + day(policy) + ". It changes how we handle personal data, so we tell everyone it concerns.\n\n"
                + (policy.summary() == null ? "" : "What changes:\n\n" + inert(policy.summary().strip()) + "\n\n")
                + "Read the new version, and compare it with the earlier ones, at " + versionsUrl(baseUrl) + "\n\n"
                + "You receive this notice because you use Optline, or because a sender who uses Optline keeps your "
                + "address on one of its lists. It is a legal notice, not advertising, and it goes to each address once.\n";
    }

    static String html(PolicyPublished policy, String baseUrl) {
        String url = escape(versionsUrl(baseUrl));
        String summary = policy.summary() == null ? null : policy.summary().strip().lines().map(line -> escape(inert(line)))
                .collect(Collectors.joining("<br>\n"));
        return "<h1>Our privacy policy changes</h1>\n"
                + "<p>We have published version " + policy.version() + " of our privacy policy on " + day(policy)
                + ". It changes how we handle personal data, so we tell everyone it concerns.</p>\n"
                + (summary == null ? "" : "<h2>What changes</h2>\n<p>" + summary + "</p>\n")
                + "<p>Read the new version, and compare it with the earlier ones: <a href=\"" + url + "\">" + url + "</a></p>\n"
                + "<p>You receive this notice because you use Optline, or because a sender who uses Optline keeps your "
                + "address on one of its lists. It is a legal notice, not advertising, and it goes to each address once.</p>\n";
    }

    private static String day(PolicyPublished policy) {
        return policy.publishedAt().withOffsetSameInstant(ZoneOffset.UTC).format(DAY);
    }

    /**
     * The summary is the operator's prose, not a template: double braces in it would be read as
     * merge tags (and refused, or filled with a recipient's data), so they are split apart.
     */
    static String inert(String text) {
        String out = text;
        while (out.contains("{{") || out.contains("}}")) {
            out = out.replace("{{", "{ {").replace("}}", "} }");
        }
        return out;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
