package org.optline.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.CustomField;
import org.optline.audience.CustomFields;
import org.optline.audience.PublicLinks;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberTokens;
import org.optline.platform.Client;
import org.springframework.stereotype.Component;

/**
 * The values a campaign's merge tags print: the client's name and postal address, the person's
 * email, name and fields, and the signed links (unsubscribe, preferences, web version).
 */
@Component
class MergeValues {

    /**
     * Which of the signed links the content may print. Each is an HMAC a message, so a campaign's
     * renderer makes only those its templates name; previews make all three.
     */
    record Links(boolean unsubscribe, boolean preferences, boolean webview) {
        static final Links ALL = new Links(true, true, true);

        static Links readBy(CompiledContent content) {
            return new Links(content.mayRead("unsubscribe_url"), content.mayRead("preferences_url"), content.mayRead("webview_url"));
        }
    }

    private final PublicLinks publicLinks;
    private final WebViewTokens webViews;
    private final CustomFields fields;

    MergeValues(PublicLinks publicLinks, WebViewTokens webViews, CustomFields fields) {
        this.publicLinks = publicLinks;
        this.webViews = webViews;
        this.fields = fields;
    }

    /**
     * The merge values of a message sent to {@code person}, with their live links.
     * {@code unsubscribeToken}: the person's unsubscribe token when the caller made it already, or null.
     */
    Map<String, String> live(Client client, UUID campaignId, Subscriber person, Links links, String unsubscribeToken) {
        Map<String, String> values = person(client, person);
        if (links.unsubscribe()) {
            values.put("unsubscribe_url", unsubscribeToken != null ? publicLinks.unsubscribe(unsubscribeToken)
                    : publicLinks.unsubscribe(client.id(), person.id()));
        }
        if (links.preferences()) {
            values.put("preferences_url", publicLinks.preferences(client.id(), person.id()));
        }
        if (links.webview()) {
            values.put("webview_url", publicLinks.webVersion(webViews.token(client.id(), campaignId, person.id())));
        }
        return values;
    }

    /**
     * The merge values of a preview or test send: the person's data (a sample person when null),
     * but preview links, which the public pages show as such and never act on. A live link would
     * let whoever reads the preview (an analyst, a test recipient) act as the subscriber.
     */
    Map<String, String> preview(Client client, Subscriber person) {
        Map<String, String> values = person(client, person);
        if (person == null) {
            // The sample person has a value in every field, so a preview reads as a sentence
            // ("in size M"), not with holes ("in size .").
            fields.listFor(client.id()).forEach(f -> values.put(f.key(), sample(f)));
        }
        values.put("unsubscribe_url", publicLinks.preview(client.id(), SubscriberTokens.Link.UNSUBSCRIBE));
        values.put("preferences_url", publicLinks.preview(client.id(), SubscriberTokens.Link.PREFERENCES));
        values.put("webview_url", publicLinks.preview(client.id(), SubscriberTokens.Link.WEB_VERSION));
        return values;
    }

    /** A plausible value of a field's type, labelled as a sample where it is text. */
    static String sample(CustomField field) {
        return switch (field.type()) {
            case TEXT -> "Sample " + field.label().toLowerCase(Locale.ROOT);
            case NUMBER -> "42";
            case DATE -> "2025-06-01";
            case BOOLEAN -> "true";
            case MULTI -> "first choice, second choice";
        };
    }


    private static Map<String, String> person(Client client, Subscriber person) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("client_name", client.name());
        values.put("postal_address", client.footerAddress());
        if (person == null) {
            values.put("email", "subscriber@example.com");
            values.put("name", "Sam Sample");
            return values;
        }
        values.put("email", person.email());
        if (person.name() != null) {
            values.put("name", person.name());
        }
        person.fields().forEach((k, v) -> values.put(k, v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                : String.valueOf(v)));
        return values;
    }
}
