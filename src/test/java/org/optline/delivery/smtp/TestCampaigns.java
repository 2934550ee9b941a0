package org.optline.delivery.smtp;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaigns;
import org.optline.delivery.SendingDomains;
import org.optline.platform.Actor;

/** A client's campaign, personalised with the name, to the given people, sent (delivery not yet run). */
record TestCampaigns(SendingDomains domains, Lists lists, Subscribers subscribers, Campaigns campaigns) {

    /** Adds the sending domain, a list of {@code nameByAddress}, and a campaign from news@domain; answers its id. */
    UUID send(Actor admin, String domain, Map<String, String> nameByAddress) {
        domains.add(admin, domain);
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        nameByAddress.forEach((address, name) ->
                subscribers.save(admin, new SubscriberInput(address, name, Map.of(), List.of(list.id()), null), false));
        var c = campaigns.create(admin, new Campaigns.CampaignInput("C", "Hello {{name}}", null, "Shop", "news@" + domain, null,
                "<p>Hi {{name}}</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);
        return c.id();
    }
}
