package org.optline.campaign;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.optline.audience.EmailAddress;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.RecipientSelection;
import org.optline.audience.Subscriber;
import org.optline.audience.Subscribers;
import org.optline.campaign.store.CampaignStore;
import org.optline.platform.Actor;
import org.optline.platform.Client;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.optline.platform.TransactionalMail;
import org.optline.platform.ValidationException;
import org.optline.segment.Segments;
import org.springframework.stereotype.Service;

/**
 * Campaigns as a client's users work on them: content checked when saved (merge tags, sanitising,
 * a valid sender, lists and segment of this client), previews as a chosen subscriber with the
 * compliance footer in place, the pre-send checklist with the recipient count, test sends marked
 * [TEST], and sending, scheduling, pausing and cancelling. Templates are {@link Templates}; what
 * the delivery module calls while it sends is {@link CampaignDispatch}.
 */
@Service
public class Campaigns {

    private static final int MAX_TEST_RECIPIENTS = 10;
    /** How far ahead a campaign may be scheduled; a later time is a typo (and beyond what a timestamp column holds). */
    static final int MAX_SCHEDULE_YEARS = 10;

    /**
     * What a client writes; null members are left as they are when changing. {@code tracking}:
     * whether messages carry tracked links and an open pixel (unset on a new campaign: yes).
     * {@code format} is html, markdown or richtext (none: html, or the campaign's format when
     * changing); in Markdown the content is {@code markdown} and {@code html} is rendered from it,
     * so a given one is ignored.
     */
    public record CampaignInput(String name, String subject, String preheader, String fromName, String fromEmail,
                                String replyTo, String html, String text, UUID templateId, UUID segmentId, List<UUID> listIds,
                                Boolean tracking, String format, String markdown) {

        /** HTML content (or the campaign's own format when changing); tracking as it is (on, for a new campaign). */
        public CampaignInput(String name, String subject, String preheader, String fromName, String fromEmail, String replyTo,
                             String html, String text, UUID templateId, UUID segmentId, List<UUID> listIds) {
            this(name, subject, preheader, fromName, fromEmail, replyTo, html, text, templateId, segmentId, listIds, null, null, null);
        }

        /** Content in a format, and audience; tracking as it is (on, for a new campaign). */
        public CampaignInput(String name, String subject, String preheader, String fromName, String fromEmail, String replyTo,
                             String html, String text, UUID templateId, UUID segmentId, List<UUID> listIds, String format,
                             String markdown) {
            this(name, subject, preheader, fromName, fromEmail, replyTo, html, text, templateId, segmentId, listIds, null, format,
                    markdown);
        }

        /** A new draft of this content. */
        Campaign draft(UUID clientId, OffsetDateTime now) {
            return Campaign.builder().id(UUID.randomUUID()).clientId(clientId).name(name).subject(subject).preheader(preheader)
                    .fromName(fromName).fromEmail(fromEmail).replyTo(replyTo).html(html).text(text).templateId(templateId)
                    .segmentId(segmentId).listIds(listIds == null ? List.of() : listIds).tracking(tracking == null || tracking)
                    .createdAt(now).updatedAt(now).format(ContentFormat.fromWire(format)).source(markdown).build();
        }

        /** {@code old} with the members given here changed. */
        Campaign appliedTo(Campaign old) {
            ContentFormat f = format == null ? old.format() : ContentFormat.fromWire(format);
            return old.toBuilder().name(or(name, old.name())).subject(or(subject, old.subject()))
                    .preheader(or(preheader, old.preheader())).fromName(or(fromName, old.fromName()))
                    .fromEmail(or(fromEmail, old.fromEmail())).replyTo(or(replyTo, old.replyTo())).html(or(html, old.html()))
                    .text(or(text, old.text())).templateId(or(templateId, old.templateId()))
                    .segmentId(or(segmentId, old.segmentId())).listIds(or(listIds, old.listIds()))
                    .tracking(or(tracking, old.tracking())).format(f).source(or(markdown, old.source())).build();
        }

        private static <T> T or(T value, T fallback) {
            return value == null ? fallback : value;
        }
    }

    /** One line of the pre-send checklist. */
    public record Check(String name, boolean ok, String message) {}

    /** What a test send did: the addresses mailed, and those skipped because they are suppressed. */
    public record TestSend(List<String> sent, List<String> suppressed) {}

    private final CampaignStore store;
    private final CampaignContent content;
    private final ContentEngine engine;
    private final MergeValues values;
    private final RecipientQueries recipientQueries;
    private final Lists lists;
    private final Segments segments;
    private final Subscribers subscribers;
    private final Clients clients;
    private final TransactionalMail mail;
    private final TenantScope scope;
    private final Clock clock;
    private final SendChecklist checklist;
    private final TestRecipients testRecipients;

    public Campaigns(CampaignStore store, CampaignContent content, ContentEngine engine, MergeValues values,
                     RecipientQueries recipientQueries, Lists lists, Segments segments, Subscribers subscribers, Clients clients,
                     TransactionalMail mail, TenantScope scope, Clock clock, SendChecklist checklist,
                     TestRecipients testRecipients) {
        this.store = store;
        this.content = content;
        this.engine = engine;
        this.values = values;
        this.recipientQueries = recipientQueries;
        this.lists = lists;
        this.segments = segments;
        this.subscribers = subscribers;
        this.clients = clients;
        this.mail = mail;
        this.scope = scope;
        this.clock = clock;
        this.checklist = checklist;
        this.testRecipients = testRecipients;
    }

    public Campaign create(Actor actor, CampaignInput in) {
        UUID clientId = actor.requireClientWriter();
        Campaign c = validated(clientId, in.draft(clientId, Times.now(clock)));
        return scope.inClient(clientId, () -> {
            store.insert(c);
            return store.find(clientId, c.id()).orElseThrow();
        });
    }

    public Campaign change(Actor actor, UUID id, CampaignInput in) {
        UUID clientId = actor.requireClientWriter();
        return scope.inClient(clientId, () -> {
            Campaign old = store.find(clientId, id).orElseThrow(() -> notFound(id));
            if (!old.status().editable()) {
                throw new ConflictException("A " + old.status().wireName() + " campaign can no longer be edited");
            }
            Campaign c = validated(clientId, in.appliedTo(old));
            if (!store.update(c, Times.now(clock))) {
                throw new ConflictException("The campaign started sending meanwhile and can no longer be edited");
            }
            return store.find(clientId, id).orElseThrow();
        });
    }

    public Campaign get(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.find(clientId, id)).orElseThrow(() -> notFound(id));
    }

    /**
     * The client that owns a campaign, for inbound mail that names the campaign only (a bounce
     * or reply address); empty for an unknown campaign. Runs in the platform scope.
     */
    public Optional<UUID> clientOf(UUID campaignId) {
        return scope.asPlatform(() -> store.clientOf(campaignId));
    }

    /** One of a client's campaigns, for work on the client's behalf that has no user (forwarding a reply). */
    public Optional<Campaign> find(UUID clientId, UUID id) {
        return scope.inClient(clientId, () -> store.find(clientId, id));
    }

    public List<Campaign> list(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.list(clientId, 200));
    }

    /**
     * The ids of a client's campaigns with this name (case-insensitive), for segment conditions
     * that name a campaign; empty when there is none.
     */
    public List<UUID> idsNamed(UUID clientId, String name) {
        return scope.inClient(clientId, () -> store.idsNamed(clientId, name.toLowerCase(Locale.ROOT)));
    }

    /** The names of a client's latest 200 campaigns, newest first, each once: what a segment can name. */
    public List<String> namesFor(UUID clientId) {
        return scope.inClient(clientId, () -> store.list(clientId, 200)).stream().map(Campaign::name).distinct().toList();
    }

    /** The names of these campaigns of the client, by id; unknown ids are left out. */
    public Map<UUID, String> names(UUID clientId, Collection<UUID> ids) {
        return ids.isEmpty() ? Map.of() : scope.inClient(clientId, () -> store.namesOf(clientId, ids));
    }

    public void delete(Actor actor, UUID id) {
        UUID clientId = actor.requireClientWriter();
        scope.inClient(clientId, () -> {
            Campaign c = store.find(clientId, id).orElseThrow(() -> notFound(id));
            if (!store.delete(clientId, id)) {
                throw new ConflictException("Only drafts can be deleted; this campaign is " + c.status().wireName());
            }
        });
    }

    /** The message as {@code subscriberId} would get it (a sample person when null). */
    public RenderedMessage preview(Actor actor, UUID id, UUID subscriberId) {
        Campaign c = get(actor, id);
        Client client = clients.profile(c.clientId()).orElseThrow();
        Subscriber person = subscriberId == null ? null : subscribers.get(actor, subscriberId);
        return RenderedMessage.of(content.compile(c).render(values.preview(client, person)));
    }

    /** Renders unsaved content in any format for a sample person (the editor's live preview). */
    public RenderedMessage draftPreview(Actor actor, String subject, String preheader, UUID templateId, DraftContent body) {
        UUID clientId = actor.requireClient();
        TextFields.atMost("subject", subject, ContentLimits.MAX_SUBJECT);
        TextFields.atMost("preheader", preheader, ContentLimits.MAX_PREHEADER);
        String html = body.asHtml();
        Client client = clients.profile(clientId).orElseThrow();
        var draft = Campaign.builder().id(new UUID(0, 0)).clientId(clientId).name("draft")
                .subject(subject == null || subject.isBlank() ? "(no subject)" : subject).preheader(preheader)
                .fromName("").fromEmail("").html(html).templateId(templateId).build();
        return RenderedMessage.of(content.compile(draft).render(values.preview(client, null)));
    }

    /** The pre-send checklist ({@link SendChecklist}): every failure must be fixed before the campaign can be sent. */
    public List<Check> checks(Actor actor, UUID id) {
        return checklist.of(get(actor, id), recipients(actor, id));
    }

    /** How many people would receive the campaign now: lists ∪, segment ∩, minus suppressed and unconfirmed. */
    public long recipients(Actor actor, UUID id) {
        Campaign c = get(actor, id);
        if (c.listIds().isEmpty()) {
            return 0;
        }
        RecipientSelection selection = recipientQueries.of(c);
        return scope.inClient(c.clientId(), () -> store.recipients(selection));
    }

    /**
     * Sends the message to up to ten addresses, subject marked [TEST], as the first list subscriber
     * would get it. Only to the client's users and allowed test recipients, never to a suppressed
     * address, within the hourly allowance ({@link TestRecipients}).
     */
    public TestSend testSend(Actor actor, UUID id, List<String> rawEmails) {
        clients.requireMaySend(actor.requireClientWriter());
        Campaign c = get(actor, id);
        if (rawEmails == null || rawEmails.isEmpty() || rawEmails.size() > MAX_TEST_RECIPIENTS) {
            throw ValidationException.of("emails", "give 1 to " + MAX_TEST_RECIPIENTS + " addresses");
        }
        List<EmailAddress> to = new ArrayList<>();
        for (String raw : new LinkedHashSet<>(rawEmails)) {
            to.add(EmailAddress.of("emails", raw));
        }
        TestRecipients.Admitted admitted = testRecipients.admit(c.clientId(), to);
        Client client = clients.profile(c.clientId()).orElseThrow();
        var rendered = content.compile(c).render(values.preview(client, null));
        for (EmailAddress address : admitted.send()) {
            mail.send(new TransactionalMail.Message(c.clientId(), "test", c.fromName(), address.value(),
                    "[TEST] " + rendered.subject(), rendered.text(), rendered.html()));
        }
        return new TestSend(admitted.send().stream().map(EmailAddress::value).toList(),
                admitted.suppressed().stream().map(EmailAddress::value).toList());
    }

    /** Starts sending now, or schedules it for {@code at} (a future time). The checklist must pass. */
    public Campaign send(Actor actor, UUID id, OffsetDateTime at) {
        UUID clientId = actor.requireClientWriter();
        Campaign c = get(actor, id);
        clients.requireMaySend(clientId);
        if (at != null && at.isAfter(Times.now(clock).plusYears(MAX_SCHEDULE_YEARS))) {
            throw ValidationException.of("scheduledAt", "must be within " + MAX_SCHEDULE_YEARS + " years from now");
        }
        List<Check> failing = checks(actor, id).stream().filter(check -> !check.ok()).toList();
        if (!failing.isEmpty()) {
            throw new ValidationException(failing.stream()
                    .map(f -> new ValidationException.FieldError(f.name(), f.message())).toList());
        }
        var now = Times.now(clock);
        boolean later = at != null && at.isAfter(now);
        CampaignStatus next = later ? CampaignStatus.SCHEDULED : CampaignStatus.SENDING;
        return move(actor, c, next, later ? at : null);
    }

    public Campaign pause(Actor actor, UUID id) {
        actor.requireClientWriter();
        return move(actor, get(actor, id), CampaignStatus.PAUSED, null);
    }

    public Campaign resume(Actor actor, UUID id) {
        clients.requireMaySend(actor.requireClientWriter());
        return move(actor, get(actor, id), CampaignStatus.SENDING, null);
    }

    public Campaign cancel(Actor actor, UUID id) {
        actor.requireClientWriter();
        return move(actor, get(actor, id), CampaignStatus.CANCELLED, null);
    }

    private Campaign move(Actor actor, Campaign c, CampaignStatus next, OffsetDateTime scheduledAt) {
        if (c.status() == next && next != CampaignStatus.SCHEDULED) {
            return c;
        }
        if (!c.status().canMoveTo(next) && !(c.status() == CampaignStatus.SCHEDULED && next == CampaignStatus.SCHEDULED)) {
            throw new ConflictException("A " + c.status().wireName() + " campaign cannot become " + next.wireName());
        }
        return scope.inClient(c.clientId(), () -> {
            if (!store.moveStatus(c.clientId(), c.id(), c.status(), next, scheduledAt, Times.now(clock))) {
                throw new ConflictException("The campaign changed meanwhile; reload and try again");
            }
            return store.find(c.clientId(), c.id()).orElseThrow();
        });
    }

    /** {@code c} checked, its HTML as it is stored: sanitised, so what the editor shows is what is sent. */
    private Campaign validated(UUID clientId, Campaign written) {
        Campaign c = DraftContent.rendered(written);
        TextFields.required("name", c.name(), ContentLimits.MAX_NAME);
        TextFields.required("fromName", c.fromName(), ContentLimits.MAX_NAME);
        TextFields.atMost("subject", c.subject(), ContentLimits.MAX_SUBJECT);
        TextFields.atMost("preheader", c.preheader(), ContentLimits.MAX_PREHEADER);
        TextFields.atMost("text", c.text(), ContentLimits.MAX_CONTENT);
        EmailAddress.of("fromEmail", c.fromEmail());
        if (c.replyTo() != null && !c.replyTo().isBlank()) {
            EmailAddress.of("replyTo", c.replyTo());
        }
        String field = c.format() == ContentFormat.MARKDOWN ? "markdown" : "html";
        if (c.html() == null || c.html().isBlank()) {
            throw ValidationException.of(field, "is required");
        }
        TextFields.atMost(field, c.html(), ContentLimits.MAX_CONTENT);
        String html = engine.sanitize(c.html());
        if (html.isBlank()) {
            throw ValidationException.of("html", "keeps nothing once sanitised (no script, forms or frames in mail)");
        }
        var own = lists.listFor(clientId).stream().map(MailingList::id).toList();
        if (!own.containsAll(c.listIds())) {
            throw ValidationException.of("listIds", "names a list that does not exist");
        }
        if (c.segmentId() != null && segments.find(clientId, c.segmentId()).isEmpty()) {
            throw ValidationException.of("segmentId", "names a segment that does not exist");
        }
        if (c.templateId() != null && scope.inClient(clientId, () -> store.findTemplate(clientId, c.templateId())).isEmpty()) {
            throw ValidationException.of("templateId", "names a template that does not exist");
        }
        Campaign clean = c.toBuilder().html(html).build();
        content.compile(clean);
        return clean;
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No campaign " + id);
    }
}
