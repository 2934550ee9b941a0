package org.optline.tracking.classify;

import static org.optline.tracking.TrackedEvent.Source.MAILBOX_PROXY;
import static org.optline.tracking.TrackedEvent.Source.SECURITY_SCANNER;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The machine rules, in the order they are tried; the first that matches classes the hit, and a
 * hit none matches is a person's ({@link #HUMAN}). docs/tracking.md lists them; each has a test.
 */
public final class MachineRules {

    /** The rule name stored with a person's hit. */
    public static final String HUMAN = "human";

    /** A click sooner than this after sending is a scanner following links on arrival. */
    static final Duration EARLY_CLICK = Duration.ofSeconds(10);

    /** Two different links of one message clicked closer together than this: no person clicks that fast. */
    static final Duration LINK_BURST = Duration.ofSeconds(1);

    /** Agents of link scanners and scripted clients, lower-case substrings. */
    static final List<String> SCANNER_AGENTS = List.of("barracuda", "mimecast", "proofpoint", "symantec", "trendmicro",
            "trend micro", "forcepoint", "headlesschrome", "phantomjs", "python-requests", "python-urllib", "go-http-client",
            "curl/", "wget/", "libwww-perl", "okhttp", "java/", "apache-httpclient");

    public static final List<MachineRule> ALL = List.of(
            new MachineRule("head-request", SECURITY_SCANNER,
                    "Mail clients and browsers fetch with GET; link checkers probe with HEAD before (or instead of) fetching.",
                    hit -> hit.method().equals("HEAD")),
            new MachineRule("apple-mail-privacy", MAILBOX_PROXY,
                    "Apple Mail Privacy Protection fetches every remote image on delivery through Apple's proxies, "
                            + "with the bare user agent 'Mozilla/5.0' (no platform, no engine), whether or not the mail is read.",
                    hit -> !hit.click() && hit.userAgent().equals("Mozilla/5.0")),
            new MachineRule("gmail-image-proxy", MAILBOX_PROXY,
                    "Gmail loads images through its proxy (user agent ending '(via ggpht.com GoogleImageProxy)') and caches "
                            + "them, so the request says the image was fetched, not who looked or how often.",
                    hit -> hit.userAgent().contains("GoogleImageProxy")),
            new MachineRule("yahoo-mail-proxy", MAILBOX_PROXY,
                    "Yahoo and AOL Mail fetch images through their proxy, whose user agent names 'YahooMailProxy'.",
                    hit -> hit.userAgent().contains("YahooMailProxy")),
            new MachineRule("scanner-agent", SECURITY_SCANNER,
                    "Mail security gateways and scripted HTTP clients that name themselves in their user agent.",
                    hit -> scannerAgent(hit.userAgent())),
            new MachineRule("no-user-agent", SECURITY_SCANNER,
                    "Every mail client and browser sends a User-Agent; a request without one is a program.",
                    hit -> hit.userAgent().isBlank()),
            new MachineRule("early-click", SECURITY_SCANNER,
                    "Gateways that rewrite or sandbox links follow them within seconds of delivery, before a person could.",
                    hit -> hit.click() && hit.secondsAfterSend() < EARLY_CLICK.toSeconds()),
            new MachineRule("link-burst", SECURITY_SCANNER,
                    "Scanners follow every link of a message at once; a person does not click two links within a second.",
                    hit -> hit.click() && hit.sinceOtherLink() != null && hit.sinceOtherLink().compareTo(LINK_BURST) < 0));

    private MachineRules() {}

    /** The first rule matching {@code hit}, or null for a person's. */
    public static MachineRule first(Hit hit) {
        for (MachineRule rule : ALL) {
            if (rule.matches().test(hit)) {
                return rule;
            }
        }
        return null;
    }

    private static boolean scannerAgent(String userAgent) {
        String lower = userAgent.toLowerCase(Locale.ROOT);
        for (String agent : SCANNER_AGENTS) {
            if (lower.contains(agent)) {
                return true;
            }
        }
        return false;
    }
}
