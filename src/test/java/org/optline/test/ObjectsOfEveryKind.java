package org.optline.test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.analytics.webhooks.Webhooks;
import org.optline.audience.CustomFields;
import org.optline.audience.Imports;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaigns;
import org.optline.campaign.Templates;
import org.optline.campaign.TestRecipients;
import org.optline.compliance.AbuseCases;
import org.optline.compliance.ClientComplaints;
import org.optline.delivery.Outbox;
import org.optline.delivery.SendingDomains;
import org.optline.inbound.InboundMail;
import org.optline.inbound.replies.Reply;
import org.optline.inbound.replies.ReplyStore;
import org.optline.platform.Actor;
import org.optline.platform.CreatedClient;
import org.optline.platform.TenantScope;
import org.optline.platform.TransactionalMail;
import org.optline.segment.Segments;
import org.optline.site.abuse.AbuseReports;
import org.optline.site.contact.Leads;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One object of every kind the API names by id, all owned by one client, keyed by the resource
 * (the path segment before the id: {@code lists}, {@code campaigns}, …). The harnesses that walk
 * every route (tenant isolation, suspension) call each route on these; a route whose resource has
 * no entry here fails them, so a new resource needs one line here.
 *
 * @param label names the client's addresses ({@code person@<label>.test}) and its sending domain
 */
public record ObjectsOfEveryKind(Map<String, String> ids, UUID listId, UUID subscriberId, String label) {

    public static ObjectsOfEveryKind create(ApplicationContext context, CreatedClient client, String label) {
        Actor admin = Fixtures.admin(client);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("clients", client.client().id().toString());
        // The operator's view of one client's standing takes the client's id.
        ids.put("standing", client.client().id().toString());
        ids.put("users", client.admin().id().toString());
        ids.put("api-keys", client.adminApiKey().key().id().toString());
        var list = context.getBean(Lists.class).create(admin, new Lists.ListInput("News of " + label, null, "single"));
        ids.put("lists", list.id().toString());
        ids.put("fields", context.getBean(CustomFields.class).create(admin, "kind", "Kind", "text").id().toString());
        UUID subscriberId = context.getBean(Subscribers.class).save(admin, new SubscriberInput("person@" + label + ".test",
                "Person", Map.of(), List.of(list.id()), null), false).subscriber().id();
        ids.put("subscribers", subscriberId.toString());
        ids.put("imports", context.getBean(Imports.class).upload(admin, list.id(), "people.csv", new ByteArrayInputStream(
                ("email\nsomeone@" + label + ".test\n").getBytes(StandardCharsets.UTF_8))).id().toString());
        Campaigns campaigns = context.getBean(Campaigns.class);
        var template = context.getBean(Templates.class).create(admin, "Layout", "<html><body>{{content}}</body></html>");
        ids.put("templates", template.id().toString());
        // Sending domains belong to one client each, and the test contexts share a database.
        String domain = Fixtures.domain(label + ".de");
        ids.put("campaigns", campaigns.create(admin, new Campaigns.CampaignInput("News", "Hello", null, "Sender",
                "news@" + domain, null, "<p>Hi</p>", null, template.id(), null, List.of(list.id()))).id().toString());
        ids.put("domains", context.getBean(SendingDomains.class).add(admin, domain).id().toString());
        ids.put("segments", context.getBean(Segments.class).create(admin, "Persons", "name = \"Person\"").id().toString());
        ids.put("test-recipients", context.getBean(TestRecipients.class).allow(admin, "colleague@" + label + ".test").id().toString());
        Outbox outbox = context.getBean(Outbox.class);
        outbox.send(new TransactionalMail.Message(client.client().id(), "test", "Sender", "person@" + label + ".test",
                "Hello", "Text", null));
        ids.put("outbox", outbox.page(admin, null, 1).items().get(0).id().toString());
        // A .invalid host never resolves (RFC 6761): a dispatcher that meets this endpoint fails fast.
        ids.put("webhooks", context.getBean(Webhooks.class).create(admin, new Webhooks.Input("https://" + label
                + ".invalid/hooks", List.of("delivered"))).endpoint().id().toString());
        // A kept reply, stored as inbound processing stores one (matching it needs a sent campaign).
        UUID replyId = UUID.randomUUID();
        context.getBean(TenantScope.class).inClient(client.client().id(), () -> context.getBean(ReplyStore.class).insert(
                new Reply(replyId, client.client().id(), subscriberId, UUID.fromString(ids.get("campaigns")), UUID.randomUUID(),
                        "person@" + label + ".test", "Re: Hello", "Thanks", OffsetDateTime.now(ZoneOffset.UTC), null, null)));
        ids.put("replies", replyId.toString());
        // Inbound mail is the platform's (operator pages); one stored message to name.
        byte[] inboundMail = ("From: mailer-daemon@mx." + label + ".test\r\nTo: b-" + label + "@bounces.optline.local\r\n"
                + "Subject: Undelivered " + UUID.randomUUID() + "\r\n\r\nGone.\r\n").getBytes(StandardCharsets.US_ASCII);
        context.getBean(InboundMail.class).feedRaw(Fixtures.operator(), inboundMail);
        ids.put("inbound", context.getBean(JdbcClient.class).sql("select id from inbound_messages where raw = :raw")
                .param("raw", inboundMail).query(UUID.class).single().toString());
        // An abuse case about the client's campaign (operator only) and the complaint in it (the client's view).
        ids.put("abuse-cases", context.getBean(AbuseCases.class).report(Fixtures.operator(), new AbuseCases.OperatorReport(
                client.client().id(), UUID.fromString(ids.get("campaigns")), "person@" + label + ".test", "abuse",
                "Reported by phone")).id().toString());
        ids.put("complaints", context.getBean(ClientComplaints.class).page(admin, null, 1).items().get(0).id().toString());
        // The privacy policy's first version, there from the first start (the platform's, no client's).
        ids.put("policies", "1");
        // A lead from the site's contact form: the platform's, operators only.
        ids.put("leads", context.getBean(Leads.class).submit(new Leads.ContactInput("Person", "person@" + label + ".test",
                "Company of " + label, null, "Hello", true)).id().toString());
        // A report through the site's abuse form that named no sender: the platform's, operators only.
        ids.put("site-reports", context.getBean(AbuseReports.class).file(new AbuseReports.ReportInput("person@" + label
                + ".test", "Subject: unsolicited", null)).id().toString());
        return new ObjectsOfEveryKind(Collections.unmodifiableMap(ids), list.id(), subscriberId, label);
    }
}
