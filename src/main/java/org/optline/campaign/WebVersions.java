package org.optline.campaign;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.SubscriberTokens;
import org.optline.audience.Subscribers;
import org.optline.campaign.store.CampaignStore;
import org.optline.platform.Client;
import org.optline.platform.Clients;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Service;

/** The web versions of sent messages, for the public page their signed link opens ({@code /s/view/…}). */
@Service
public class WebVersions {

    private final WebViewTokens webViews;
    private final SubscriberTokens tokens;
    private final Subscribers subscribers;
    private final CampaignStore store;
    private final CampaignContent content;
    private final MergeValues values;
    private final Clients clients;
    private final TenantScope scope;

    public WebVersions(WebViewTokens webViews, SubscriberTokens tokens, Subscribers subscribers, CampaignStore store,
                       CampaignContent content, MergeValues values, Clients clients, TenantScope scope) {
        this.webViews = webViews;
        this.tokens = tokens;
        this.subscribers = subscribers;
        this.store = store;
        this.content = content;
        this.values = values;
        this.clients = clients;
        this.scope = scope;
    }

    /**
     * The web version of a message, for its signed link: the campaign as that subscriber got it.
     * Empty when the link is not ours, or the campaign or subscriber is gone (erased).
     */
    public Optional<RenderedMessage> webView(String token) {
        return webViews.read(token).flatMap(v -> {
            var person = subscribers.forDelivery(v.clientId(), List.of(v.subscriberId()));
            var campaign = scope.inClient(v.clientId(), () -> store.find(v.clientId(), v.campaignId()));
            if (campaign.isEmpty() || (person.isEmpty() && !v.subscriberId().equals(new UUID(0, 0)))) {
                return Optional.<RenderedMessage>empty();
            }
            Client client = clients.profile(v.clientId()).orElseThrow();
            var r = content.compile(campaign.get()).render(person.isEmpty() ? values.preview(client, null)
                    : values.live(client, v.campaignId(), person.get(0), MergeValues.Links.ALL, null));
            return Optional.of(RenderedMessage.of(r));
        });
    }

    /** Whether a link is a preview's (see {@link MergeValues#preview}): its page says so and shows nothing else. */
    public boolean isPreviewLink(String token) {
        return tokens.isPreview(token);
    }
}
