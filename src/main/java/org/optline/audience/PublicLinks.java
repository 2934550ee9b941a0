package org.optline.audience;

import java.util.UUID;
import org.optline.platform.SiteProperties;
import org.springframework.stereotype.Component;

/**
 * Every public address mail carries, under {@code /s/} on the installation's base URL: the
 * unsubscribe and preferences pages and the confirmation of a subscription (this module's pages),
 * the hosted subscription form, and the web version of a message (the campaign module's page, with
 * the campaign module's token). The tokens are {@link SubscriberTokens}' except the web version's.
 * Each address is its route's prefix and a token joined in one step, since sending asks for them
 * for every message.
 */
@Component
public class PublicLinks {

    private final SubscriberTokens tokens;
    private final String unsubscribe;
    private final String preferences;
    private final String webVersion;
    private final String confirm;
    private final String subscribe;

    public PublicLinks(SiteProperties site, SubscriberTokens tokens) {
        this.tokens = tokens;
        String base = site.baseUrl() + "/s/";
        this.unsubscribe = base + "unsubscribe/";
        this.preferences = base + "preferences/";
        this.webVersion = base + "view/";
        this.confirm = base + "confirm/";
        this.subscribe = base + "subscribe/";
    }

    /** The unsubscribe link of a subscriber of a client. */
    public String unsubscribe(UUID clientId, UUID subscriberId) {
        return unsubscribe + tokens.unsubscribe(clientId, subscriberId);
    }

    /** The unsubscribe link with a token made already ({@link SubscriberTokens#unsubscribe}). */
    public String unsubscribe(String token) {
        return unsubscribe + token;
    }

    /**
     * The unsubscribe link without its token, for a caller that writes the token after it inside a
     * larger string (a message's List-Unsubscribe header) and so makes no string for the link alone.
     */
    public String unsubscribePrefix() {
        return unsubscribe;
    }

    /** The preferences link of a subscriber of a client. */
    public String preferences(UUID clientId, UUID subscriberId) {
        return preferences + tokens.preferences(clientId, subscriberId);
    }

    /** The link to a message's web version, with the campaign module's token for it. */
    public String webVersion(String token) {
        return webVersion + token;
    }

    /** The link a preview or test send shows in place of {@code link}: the page says it is a preview and acts on nothing. */
    public String preview(UUID clientId, SubscriberTokens.Link link) {
        String prefix = switch (link) {
            case UNSUBSCRIBE -> unsubscribe;
            case PREFERENCES -> preferences;
            case WEB_VERSION -> webVersion;
        };
        return prefix + tokens.preview(clientId, link);
    }

    /** The link of a mailed confirmation ({@link SubscriberTokens#confirmation}). */
    String confirmation(String token) {
        return confirm + token;
    }

    /** The hosted subscription form's address, which an embedded form posts to as well. */
    public String subscriptionForm(UUID formId) {
        return subscribe + formId;
    }
}
