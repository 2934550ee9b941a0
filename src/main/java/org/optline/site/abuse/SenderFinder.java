package org.optline.site.abuse;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.optline.audience.SubscriberTokens;
import org.optline.campaign.Campaigns;
import org.optline.delivery.Verp;
import org.optline.tracking.Tracking;
import org.springframework.stereotype.Component;

/**
 * Finds who sent a pasted message from the signed pieces in it, in the order of how much each
 * says: a Message-ID and a VERP bounce address name the campaign and the subscriber, a tracking
 * token the campaign (and the subscriber unless tracking is anonymous), an unsubscribe or
 * preference token the client and subscriber only. A campaign names its client by lookup. A
 * piece that does not verify (forged, or another installation's) is passed over.
 */
@Component
class SenderFinder {

    /** The sender found, and which piece of the paste named it (shown to operators). */
    record Sender(UUID clientId, UUID campaignId, UUID subscriberId, String via) {}

    private final Verp verp;
    private final Tracking tracking;
    private final SubscriberTokens tokens;
    private final Campaigns campaigns;

    SenderFinder(Verp verp, Tracking tracking, SubscriberTokens tokens, Campaigns campaigns) {
        this.verp = verp;
        this.tracking = tracking;
        this.tokens = tokens;
        this.campaigns = campaigns;
    }

    Optional<Sender> find(PastedMessage.Evidence evidence) {
        for (String id : evidence.messageIds()) {
            Optional<Sender> s = verp.readMessageId(id).flatMap(send -> ofCampaign(send.campaignId(), send.subscriberId(),
                    "Message-ID"));
            if (s.isPresent()) {
                return s;
            }
        }
        for (String address : evidence.bounceAddresses()) {
            Optional<Sender> s = verp.read(address).flatMap(send -> ofCampaign(send.campaignId(), send.subscriberId(),
                    "bounce address"));
            if (s.isPresent()) {
                return s;
            }
        }
        for (String token : evidence.trackingTokens()) {
            Optional<Sender> s = tracking.read(token).flatMap(t -> ofCampaign(t.campaignId(), t.subscriberId(),
                    "tracking link"));
            if (s.isPresent()) {
                return s;
            }
        }
        Optional<Sender> s = first(evidence, tokens::readUnsubscribe, true);
        return s.isPresent() ? s : first(evidence, tokens::readPreferences, false);
    }

    private Optional<Sender> first(PastedMessage.Evidence evidence, Function<String, Optional<SubscriberTokens.Holder>> read,
                                   boolean unsubscribe) {
        for (String token : unsubscribe ? evidence.unsubscribeTokens() : evidence.preferencesTokens()) {
            Optional<SubscriberTokens.Holder> holder = read.apply(token);
            if (holder.isPresent()) {
                return Optional.of(new Sender(holder.get().clientId(), null, holder.get().subscriberId(),
                        unsubscribe ? "unsubscribe link" : "preferences link"));
            }
        }
        return Optional.empty();
    }

    private Optional<Sender> ofCampaign(UUID campaignId, UUID subscriberId, String via) {
        return campaigns.clientOf(campaignId).map(client -> new Sender(client, campaignId, subscriberId, via));
    }
}
