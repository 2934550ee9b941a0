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
import org.optline.platform.TenantScope;
import org.optline.test.Fixtures;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A client's campaign, personalised with the name, to the given people, sent (delivery not yet run). */
record TestCampaigns(SendingDomains domains, Lists lists, Subscribers subscribers, Campaigns campaigns,
                     TenantScope scope, JdbcClient jdbc) {

    /**
     * Adds a sending domain below {@code base} (verified, as a DNS check would find it), a list of
     * {@code nameByAddress}, and a campaign from news@ that domain; answers its id.
     */
    UUID send(Actor admin, String base, Map<String, String> nameByAddress) {
        String domain = Fixtures.domain(base);
        domains.add(admin, domain);
        Fixtures.verified(scope, jdbc, admin.clientId(), domain);
        var list = lists.create(admin, new Lists.ListInput("L", null, "single"));
        nameByAddress.forEach((address, name) ->
                subscribers.save(admin, new SubscriberInput(address, name, Map.of(), List.of(list.id()), null), false));
        var c = campaigns.create(admin, new Campaigns.CampaignInput("C", "Hello {{name}}", null, "Shop", "news@" + domain, null,
                "<p>Hi {{name}}</p>", null, null, null, List.of(list.id())));
        campaigns.send(admin, c.id(), null);
        return c.id();
    }
}
