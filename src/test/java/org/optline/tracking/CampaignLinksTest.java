package org.optline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.optline.tracking.token.ProviderGroup;
import org.optline.tracking.token.TestKeyRings;
import org.optline.tracking.token.TrackingToken;
import org.optline.tracking.token.TrackingTokens;

/** One message rewritten: which links become which tokens, where the pixel goes, and anonymous mode. */
class CampaignLinksTest {

    static final TrackingTokens TOKENS = TestKeyRings.tokens(TestKeyRings.fresh("campaign-links"), Duration.ofDays(90));
    static final String BASE = "https://mail.example";
    static final String HTML = "<html><body><a href=\"https://a.example/?p&#61;1\">a</a> <a href=\"https://b.example\">b</a>"
            + " <a href=\"https://a.example/?p&#61;1\">a again</a></body></html>";
    static final String TEXT = "b: https://b.example and c: https://c.example/x.";
    static final List<String> TARGETS = List.of("https://a.example/?p=1", "https://b.example", "https://c.example/x");
    static final Instant SENT = Instant.ofEpochSecond(1_800_000_000L);

    static List<TrackingToken> tokens(String part, String kind) {
        Matcher m = Pattern.compile(Pattern.quote(BASE + "/t/" + kind + "/") + "([A-Za-z0-9_-]+)").matcher(part);
        return m.results().map(r -> TOKENS.verify(r.group(1)).orElseThrow()).toList();
    }

    @Test
    void eachTrackedLinkGetsItsNumberAndThePixelGoesInsideTheBody() {
        UUID campaign = UUID.randomUUID();
        UUID person = UUID.randomUUID();
        CampaignLinks links = new CampaignLinks(campaign, TARGETS, HTML, TEXT, false, TOKENS, BASE);

        CampaignLinks.Rewritten r = links.rewrite(person, "microsoft", SENT, HTML, TEXT);

        assertThat(tokens(r.html(), "c")).extracting(TrackingToken::link).containsExactly(0, 1, 0);
        assertThat(tokens(r.html(), "c")).allSatisfy(t -> {
            assertThat(t.campaignId()).isEqualTo(campaign);
            assertThat(t.subscriberId()).isEqualTo(person);
            assertThat(t.group()).isEqualTo(ProviderGroup.MICROSOFT);
            assertThat(t.sentAt()).isEqualTo(SENT);
        });
        assertThat(tokens(r.html(), "o")).singleElement().satisfies(t -> assertThat(t.open()).isTrue());
        assertThat(r.html()).endsWith("\"></body></html>").doesNotContain("a.example", "b.example");
        assertThat(tokens(r.text(), "c")).extracting(TrackingToken::link).containsExactly(1, 2);
        assertThat(r.text()).endsWith(".").startsWith("b: " + BASE + "/t/c/");
    }

    @Test
    void aLinkNotInTheStoredTableIsLeftAlone() {
        CampaignLinks links = new CampaignLinks(UUID.randomUUID(), List.of("https://b.example"), HTML, TEXT, false, TOKENS, BASE);
        CampaignLinks.Rewritten r = links.rewrite(UUID.randomUUID(), "other", SENT, HTML, TEXT);
        assertThat(r.html()).contains("href=\"https://a.example/?p&#61;1\"");
        assertThat(tokens(r.html(), "c")).extracting(TrackingToken::link).containsExactly(0);
        assertThat(r.text()).contains("https://c.example/x");
    }

    @Test
    void anonymousModeNamesNobody() {
        CampaignLinks links = new CampaignLinks(UUID.randomUUID(), TARGETS, HTML, TEXT, true, TOKENS, BASE);
        CampaignLinks.Rewritten r = links.rewrite(UUID.randomUUID(), "google", SENT, HTML, TEXT);
        assertThat(tokens(r.html(), "c")).isNotEmpty().allSatisfy(t -> assertThat(t.subscriberId()).isNull());
        assertThat(tokens(r.html(), "o")).singleElement().satisfies(t -> assertThat(t.subscriberId()).isNull());
    }
}
