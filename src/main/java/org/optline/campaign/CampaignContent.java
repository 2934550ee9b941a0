package org.optline.campaign;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;
import org.optline.campaign.store.CampaignStore;
import org.optline.platform.TenantScope;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Component;

/**
 * A campaign's content as it is sent: its HTML in its template, with the hidden preheader and the
 * compliance footer, compiled once so that it renders for many people.
 */
@Component
class CampaignContent {

    private static final Pattern BODY = Pattern.compile("(?i)<body[^>]*>");

    private final ContentEngine engine;
    private final CampaignStore store;
    private final TenantScope scope;

    CampaignContent(ContentEngine engine, CampaignStore store, TenantScope scope) {
        this.engine = engine;
        this.store = store;
        this.scope = scope;
    }

    /** The compiled message; a {@link ValidationException} when the content breaks a content rule. */
    CompiledContent compile(Campaign c) {
        String html = html(c);
        return engine.compile(new ContentEngine.Source(c.subject(),
                ComplianceFooter.html(html, engine.keepsMergeTag(html, "unsubscribe_url")), ComplianceFooter.text(c.text())));
    }

    /** The campaign's HTML as it is sent, before the footer: in its template, with the preheader. */
    String html(Campaign c) {
        String body = c.html();
        if (c.templateId() != null) {
            var template = scope.inClient(c.clientId(), () -> store.findTemplate(c.clientId(), c.templateId()));
            if (template.isPresent()) {
                body = template.get().html().replace("{{content}}", body);
            }
        }
        return withPreheader(body, c.preheader());
    }

    /** Whether the content keeps an unsubscribe link of its own through sanitising (content the engine refuses has none). */
    boolean ownUnsubscribeLink(Campaign c) {
        try {
            return engine.keepsMergeTag(html(c), "unsubscribe_url");
        } catch (ValidationException refused) {
            return false;
        }
    }

    /** The preheader: the line inbox lists show after the subject, hidden in the message itself. */
    static String withPreheader(String html, String preheader) {
        if (preheader == null || preheader.isBlank()) {
            return html;
        }
        String hidden = "<div class=\"optline-preheader\" style=\"display: none; max-height: 0; overflow: hidden\">"
                + Entities.escape(preheader.strip()) + "</div>";
        Matcher body = BODY.matcher(html);
        return body.find() ? html.substring(0, body.end()) + hidden + html.substring(body.end()) : hidden + html;
    }
}
