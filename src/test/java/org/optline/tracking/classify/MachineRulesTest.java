package org.optline.tracking.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.tracking.TrackedEvent.Kind;

/** One test per machine rule: what it catches, and the nearest person's hit it leaves alone. */
class MachineRulesTest {

    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    static final String IPHONE_MAIL = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    static final Instant SENT = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant AN_HOUR_LATER = SENT.plusSeconds(3600);

    static Hit hit(Kind kind, String method, String agent, Instant at, Duration sinceOther) {
        return new Hit(kind, method, agent, at, SENT, sinceOther);
    }

    static String rule(Hit hit) {
        MachineRule rule = MachineRules.first(hit);
        return rule == null ? MachineRules.HUMAN : rule.name();
    }

    @Test
    void theTableHoldsTheseRulesInThisOrder() {
        assertThat(MachineRules.ALL).extracting(MachineRule::name).containsExactly("head-request", "apple-mail-privacy",
                "gmail-image-proxy", "yahoo-mail-proxy", "scanner-agent", "no-user-agent", "early-click", "link-burst");
        assertThat(MachineRules.ALL).allSatisfy(r -> assertThat(r.basis()).isNotBlank());
    }

    @Test
    void headRequest() {
        assertThat(rule(hit(Kind.CLICK, "HEAD", CHROME, AN_HOUR_LATER, null))).isEqualTo("head-request");
        assertThat(rule(hit(Kind.OPEN, "HEAD", IPHONE_MAIL, AN_HOUR_LATER, null))).isEqualTo("head-request");
        assertThat(rule(hit(Kind.CLICK, "GET", CHROME, AN_HOUR_LATER, null))).isEqualTo(MachineRules.HUMAN);
    }

    @Test
    void appleMailPrivacy() {
        assertThat(rule(hit(Kind.OPEN, "GET", "Mozilla/5.0", SENT.plusSeconds(2), null))).isEqualTo("apple-mail-privacy");
        assertThat(MachineRules.first(hit(Kind.OPEN, "GET", "Mozilla/5.0", AN_HOUR_LATER, null)).source().human()).isFalse();
        // Apple Mail itself, reading with remote content loaded directly, names its platform.
        assertThat(rule(hit(Kind.OPEN, "GET", IPHONE_MAIL, AN_HOUR_LATER, null))).isEqualTo(MachineRules.HUMAN);
    }

    @Test
    void gmailImageProxy() {
        String gmail = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
        assertThat(rule(hit(Kind.OPEN, "GET", gmail, AN_HOUR_LATER, null))).isEqualTo("gmail-image-proxy");
        assertThat(rule(hit(Kind.OPEN, "GET", "Mozilla/5.0 (Windows NT 10.0) Firefox/133.0", AN_HOUR_LATER, null)))
                .isEqualTo(MachineRules.HUMAN);
    }

    @Test
    void yahooMailProxy() {
        String yahoo = "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 "
                + "Safari/537.36 Edge/12.10136 YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html";
        assertThat(rule(hit(Kind.OPEN, "GET", yahoo, AN_HOUR_LATER, null))).isEqualTo("yahoo-mail-proxy");
        assertThat(rule(hit(Kind.OPEN, "GET", "Mozilla/5.0 (Yahoo! reader) Firefox/133.0", AN_HOUR_LATER, null)))
                .isEqualTo(MachineRules.HUMAN);
    }

    @Test
    void scannerAgent() {
        for (String agent : new String[] {"python-requests/2.31.0", "curl/8.5.0", "Go-http-client/1.1", "Barracuda Sentinel (EE)",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36"}) {
            assertThat(rule(hit(Kind.CLICK, "GET", agent, AN_HOUR_LATER, null))).as(agent).isEqualTo("scanner-agent");
        }
        assertThat(rule(hit(Kind.CLICK, "GET", CHROME, AN_HOUR_LATER, null))).isEqualTo(MachineRules.HUMAN);
    }

    @Test
    void noUserAgent() {
        assertThat(rule(hit(Kind.CLICK, "GET", null, AN_HOUR_LATER, null))).isEqualTo("no-user-agent");
        assertThat(rule(hit(Kind.OPEN, "GET", " ", AN_HOUR_LATER, null))).isEqualTo("no-user-agent");
    }

    @Test
    void earlyClick() {
        assertThat(rule(hit(Kind.CLICK, "GET", CHROME, SENT.plusSeconds(3), null))).isEqualTo("early-click");
        assertThat(rule(hit(Kind.CLICK, "GET", CHROME, SENT.plus(MachineRules.EARLY_CLICK), null))).isEqualTo(MachineRules.HUMAN);
        // Opening early is what people with the mail open do; only clicks are held to it.
        assertThat(rule(hit(Kind.OPEN, "GET", CHROME, SENT.plusSeconds(3), null))).isEqualTo(MachineRules.HUMAN);
    }

    @Test
    void linkBurst() {
        assertThat(rule(hit(Kind.CLICK, "GET", CHROME, AN_HOUR_LATER, Duration.ofMillis(300)))).isEqualTo("link-burst");
        assertThat(rule(hit(Kind.CLICK, "GET", CHROME, AN_HOUR_LATER, Duration.ofSeconds(4)))).isEqualTo(MachineRules.HUMAN);
    }

    @Test
    void recentClicksTellAnotherLinkOfTheSameMessage() {
        RecentClicks recent = new RecentClicks();
        UUID campaign = UUID.randomUUID();
        UUID person = UUID.randomUUID();
        assertThat(recent.clicked(campaign, person, 0, 1_000_000_000L)).isNull();
        assertThat(recent.clicked(campaign, person, 0, 1_100_000_000L)).isNull(); // the same link again
        assertThat(recent.clicked(campaign, person, 1, 1_300_000_000L)).isEqualTo(Duration.ofMillis(200));
        assertThat(recent.clicked(campaign, UUID.randomUUID(), 2, 1_300_000_000L)).isNull();
        assertThat(recent.clicked(campaign, null, 2, 1_300_000_000L)).isNull(); // anonymous: no message to tell
    }
}
