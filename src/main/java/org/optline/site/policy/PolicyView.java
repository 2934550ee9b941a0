package org.optline.site.policy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.optline.site.PolicyVersion;

/**
 * One version as the site shows it: its number and anchor on the versions page, the day it was published, its title and body as
 * sanitised HTML and, on the versions page, what changed since the version before.
 */
record PolicyView(PolicyVersion version, String anchor, String date, String title, String body, PolicyDiff.Result diff) {

    static final String DEFAULT_TITLE = "Privacy policy";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /**
     * The version in full. A text that opens with a level-one heading gives the page its title
     * (the page's metadata goes under it); any other text gets the default title.
     */
    static PolicyView of(PolicyVersion v) {
        String html = PolicyMarkdown.html(v);
        String title = DEFAULT_TITLE;
        String body = html;
        int end = html.indexOf("</h1>");
        if (html.startsWith("<h1>") && end > 0) {
            title = html.substring("<h1>".length(), end);
            body = html.substring(end + "</h1>".length()).strip();
        }
        return new PolicyView(v, anchor(v), day(v.publishedAt()), title, body, null);
    }

    /** The version with what changed since {@code previous} (null for the first version). */
    static PolicyView withDiff(PolicyVersion v, PolicyVersion previous) {
        return new PolicyView(v, anchor(v), day(v.publishedAt()), null, null,
                previous == null ? null : PolicyDiff.between(previous.text(), v.text()));
    }

    /** The day in UTC, as people write it: "7 December 2026". */
    static String day(OffsetDateTime at) {
        return DAY.format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** The anchor of a version on the versions page. */
    static String anchor(PolicyVersion v) {
        return "version-" + v.version();
    }
}
