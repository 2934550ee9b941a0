package org.optline.campaign;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;
import org.optline.audience.EmailAddress;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberTokens;
import org.optline.audience.Subscribers;
import org.optline.campaign.render.MergeTags;
import org.optline.campaign.store.CampaignStore;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.Client;
import org.optline.platform.ClientStandingChanged;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.TransactionalMail;
import org.optline.platform.ValidationException;
import org.optline.segment.CompiledSegment;
import org.optline.segment.Segments;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Templates and campaigns: content checked when saved (merge tags, sanitising, a valid sender,
 * lists and segment of this client), previews as a chosen subscriber with the compliance footer
 * in place, the pre-send checklist with the recipient count, and test sends marked [TEST].
 */
@Service
public class Campaigns {

    private static final int MAX_TEST_RECIPIENTS = 10;
    /** A subject is one header line: RFC 5322 allows 998 characters. */
    static final int MAX_SUBJECT = 998;
    static final int MAX_PREHEADER = 500;
    /** HTML, text part and template, each: far above any real message, small enough to compile and store at once. */
    static final int MAX_CONTENT = 500_000;
    /** How far ahead a campaign may be scheduled; a later time is a typo (and beyond what a timestamp column holds). */
    static final int MAX_SCHEDULE_YEARS = 10;

    /** What a client writes; null members are left as they are when changing. */
    public record CampaignInput(String name, String subject, String preheader, String fromName, String fromEmail,
                                String replyTo, String html, String text, UUID templateId, UUID segmentId, List<UUID> listIds) {}

    /** A rendered message for a preview. */
    public record Preview(String subject, String html, String text) {}

    /** One line of the pre-send checklist. */
    public record Check(String name, boolean ok, String message) {}

    private final CampaignStore store;
    private final ContentEngine content;
    private final Lists lists;
    private final Segments segments;
    private final Subscribers subscribers;
    private final SubscriberTokens tokens;
    private final Clients clients;
    private final TransactionalMail mail;
    private final TenantScope scope;
    private final Clock clock;
    private final String baseUrl;
    private final WebViewTokens webViews;
    private final SenderDomains senderDomains;
    private final AuditLog audit;
    private final TestRecipients testRecipients;

    public Campaigns(TestRecipients testRecipients, SenderDomains senderDomains, WebViewTokens webViews, CampaignStore store, ContentEngine content, Lists lists, Segments segments, Subscribers subscribers,
                     SubscriberTokens tokens, Clients clients, TransactionalMail mail, TenantScope scope, Clock clock,
                     AuditLog audit, @Value("${optline.base-url:http://localhost:8080}") String baseUrl) {
        this.testRecipients = testRecipients;
        this.webViews = webViews;
        this.senderDomains = senderDomains;
        this.store = store;
        this.content = content;
        this.lists = lists;
        this.segments = segments;
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.clients = clients;
        this.mail = mail;
        this.scope = scope;
        this.clock = clock;
        this.audit = audit;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public MessageTemplate createTemplate(Actor actor, String rawName, String html) {
        UUID clientId = actor.requireClientWriter();
        String name = required("name", rawName, 200);
        atMost("html", html, MAX_CONTENT);
        html = html == null ? null : content.sanitize(html);
        if (html == null || html.indexOf("{{content}}") < 0 || html.indexOf("{{content}}") != html.lastIndexOf("{{content}}")) {
            throw ValidationException.of("html", "must contain {{content}} exactly once, where the campaign's content goes");
        }
        content.compile(new ContentEngine.Source("x", html.replace("{{content}}", ""), null));
        var now = Times.now(clock);
        var template = new MessageTemplate(UUID.randomUUID(), clientId, name, html, now, now);
        return scope.inClient(clientId, () -> {
            if (store.templateNameTaken(clientId, name)) {
                throw new ConflictException("A template named '" + name + "' already exists");
            }
            store.insertTemplate(template);
            return template;
        });
    }

    public List<MessageTemplate> templates(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.templates(clientId));
    }

    public MessageTemplate template(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.findTemplate(clientId, id)).orElseThrow(() -> new NotFoundException("No template " + id));
    }

    public Campaign create(Actor actor, CampaignInput in) {
        UUID clientId = actor.requireClientWriter();
        var now = Times.now(clock);
        Campaign c = validated(clientId, new Campaign(UUID.randomUUID(), clientId, in.name(), in.subject(), in.preheader(),
                in.fromName(), in.fromEmail(), in.replyTo(), in.html(), in.text(), in.templateId(), in.segmentId(),
                in.listIds() == null ? List.of() : in.listIds(), CampaignStatus.DRAFT, null, now, now, null));
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
            Campaign c = validated(clientId, new Campaign(id, clientId, or(in.name(), old.name()), or(in.subject(), old.subject()),
                    or(in.preheader(), old.preheader()), or(in.fromName(), old.fromName()), or(in.fromEmail(), old.fromEmail()),
                    or(in.replyTo(), old.replyTo()), or(in.html(), old.html()), or(in.text(), old.text()),
                    in.templateId() == null ? old.templateId() : in.templateId(),
                    in.segmentId() == null ? old.segmentId() : in.segmentId(),
                    in.listIds() == null ? old.listIds() : in.listIds(), old.status(), old.scheduledAt(), old.createdAt(), old.updatedAt(),
                    old.statusNote()));
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

    public List<Campaign> list(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.list(clientId, 200));
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
    public Preview preview(Actor actor, UUID id, UUID subscriberId) {
        Campaign c = get(actor, id);
        Client client = clients.profile(c.clientId()).orElseThrow();
        Subscriber person = subscriberId == null ? null : subscribers.get(actor, subscriberId);
        var rendered = compile(c, client).render(previewValues(client, person));
        return new Preview(rendered.subject(), rendered.html(), rendered.text());
    }

    /** Renders unsaved content for a sample person (the editor's live preview). */
    public Preview draftPreview(Actor actor, String subject, String html, String preheader, UUID templateId) {
        UUID clientId = actor.requireClient();
        atMost("subject", subject, MAX_SUBJECT);
        atMost("preheader", preheader, MAX_PREHEADER);
        atMost("html", html, MAX_CONTENT);
        Client client = clients.profile(clientId).orElseThrow();
        var draft = new Campaign(new UUID(0, 0), clientId, "draft", subject == null || subject.isBlank() ? "(no subject)" : subject,
                preheader, "", "", null, html == null ? "" : html, null, templateId, null, List.of(), CampaignStatus.DRAFT, null,
                null, null, null);
        var r = compile(draft, client).render(previewValues(client, null));
        return new Preview(r.subject(), r.html(), r.text());
    }

    /** The pre-send checklist: every failure must be fixed before the campaign can be sent. */
    public List<Check> checks(Actor actor, UUID id) {
        Campaign c = get(actor, id);
        Client client = clients.profile(c.clientId()).orElseThrow();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("subject", !c.subject().isBlank(), c.subject().isBlank() ? "The subject is empty." : "Subject set."));
        boolean address = client.postalAddress() != null && !client.postalAddress().isBlank();
        checks.add(new Check("postal address", address, address ? "Your postal address is in the footer of every message."
                : "Your account has no postal address; ask the operator to add it."));
        boolean ownLink = ownUnsubscribeLink(htmlOf(c));
        checks.add(new Check("unsubscribe link", true, ownLink ? "Your content has an unsubscribe link."
                : "A footer with an unsubscribe link is added to every message."));
        String fromDomain = c.fromEmail().substring(c.fromEmail().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        SenderDomains.Standing standing = senderDomains.standing(c.clientId(), fromDomain);
        checks.add(new Check("from domain", standing == SenderDomains.Standing.VERIFIED
                || standing == SenderDomains.Standing.UNVERIFIED_CAPTURED, switch (standing) {
                    case VERIFIED -> "Sending from " + fromDomain + ", one of your verified sending domains.";
                    case UNVERIFIED_CAPTURED -> "Sending from " + fromDomain + ", one of your sending domains; its DNS records are "
                            + "not verified yet, which the outbox does not need but an SMTP relay will.";
                    case UNVERIFIED -> "Publish the DKIM record of " + fromDomain + " and verify it on the sending domains page: "
                            + "mail through an SMTP relay is only sent From a verified domain.";
                    case NOT_SET_UP -> "Set up " + fromDomain + " as a sending domain (DKIM and DNS records) before sending from it.";
                }));
        checks.add(new Check("lists", !c.listIds().isEmpty(), c.listIds().isEmpty() ? "Choose at least one list." : c.listIds().size() + " list(s)."));
        long count = recipients(actor, id);
        checks.add(new Check("recipients", count > 0, count + " subscriber(s) would receive it now (suppressed and unconfirmed people left out)."));
        try {
            compile(c, client);
            checks.add(new Check("content", true, "The content compiles."));
        } catch (ValidationException e) {
            checks.add(new Check("content", false, e.getMessage()));
        }
        return checks;
    }

    /** How many people would receive the campaign now: lists ∪, segment ∩, minus suppressed and unconfirmed. */
    public long recipients(Actor actor, UUID id) {
        Campaign c = get(actor, id);
        if (c.listIds().isEmpty()) {
            return 0;
        }
        RecipientQuery q = recipientQuery(c);
        return scope.inClient(c.clientId(), () -> store.recipients(q.fromWhere(), q.params()));
    }

    /** What a test send did: the addresses mailed, and those skipped because they are suppressed. */
    public record TestSend(List<String> sent, List<String> suppressed) {}

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
        var rendered = compile(c, client).render(previewValues(client, null));
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

    /**
     * Starts scheduled campaigns whose time has come (also after a restart: the time is in the
     * database). One whose client may not send then is paused instead, with the reason, so that it
     * does not go out late, unannounced, the moment the client is active again: the client resumes it.
     */
    public int startDue() {
        int started = 0;
        Map<UUID, ClientStatus> standings = new HashMap<>();
        for (UUID[] due : scope.asPlatform(() -> store.due(Times.now(clock)))) {
            ClientStatus standing = standings.computeIfAbsent(due[0], clients::standing);
            if (!standing.maySend()) {
                holdForStanding(due[0], due[1], CampaignStatus.SCHEDULED, standing);
                continue;
            }
            boolean moved = scope.inClient(due[0], () -> store.moveStatus(due[0], due[1], CampaignStatus.SCHEDULED,
                    CampaignStatus.SENDING, null, Times.now(clock)));
            started += moved ? 1 : 0;
        }
        return started;
    }

    /** A campaign being sent, as the delivery module sees it. */
    public record Sending(UUID clientId, UUID campaignId) {}

    /**
     * The campaigns being sent whose client may send now. Those of a client that may not (paused,
     * suspended, terminated) are paused here, with the reason: the standing change pauses them
     * too, but only on the node where it was made and as it happens; this asks every round.
     */
    public List<Sending> sending() {
        List<Sending> sending = new ArrayList<>();
        Map<UUID, ClientStatus> standings = new HashMap<>();
        for (UUID[] row : scope.asPlatform(() -> store.inStatus(CampaignStatus.SENDING))) {
            ClientStatus standing = standings.computeIfAbsent(row[0], clients::standing);
            if (standing.maySend()) {
                sending.add(new Sending(row[0], row[1]));
            } else {
                holdForStanding(row[0], row[1], CampaignStatus.SENDING, standing);
            }
        }
        return sending;
    }

    /** Pauses every campaign being sent of a client that may no longer send, as soon as its standing changes. */
    @EventListener
    void on(ClientStandingChanged change) {
        if (change.to().maySend()) {
            return;
        }
        for (UUID id : scope.inClient(change.clientId(), () -> store.inStatus(change.clientId(), CampaignStatus.SENDING))) {
            holdForStanding(change.clientId(), id, CampaignStatus.SENDING, change.to());
        }
    }

    /** Moves a sending or due campaign to paused, with a note saying why, and audits it. */
    private void holdForStanding(UUID clientId, UUID id, CampaignStatus from, ClientStatus standing) {
        String why = switch (standing) {
            case PAUSED -> "sending is paused for your account by the operator";
            case SUSPENDED -> "your account is suspended";
            default -> "your account is " + standing.wireName();
        };
        String note = (from == CampaignStatus.SCHEDULED ? "Not started at its scheduled time: " : "Paused: ") + why
                + ". Nothing is sent until the account is active again; then resume the campaign.";
        boolean held = scope.inClient(clientId, () -> store.moveStatusWithNote(clientId, id, from, CampaignStatus.PAUSED, note,
                Times.now(clock)));
        if (held) {
            audit.record(Actor.system("standing"), clientId, "campaign.paused-by-standing", "campaign:" + id,
                    "client " + standing.wireName());
        }
    }

    public CampaignStatus status(UUID clientId, UUID id) {
        return scope.inClient(clientId, () -> store.find(clientId, id)).map(Campaign::status).orElse(CampaignStatus.CANCELLED);
    }

    /**
     * Pauses a sending campaign on the delivery module's behalf, when a receiving server refused
     * the sender (5.7.x: reputation, policy, authentication) rather than a recipient: sending on
     * would only hurt the client's reputation further. The reason goes to the audit log.
     */
    public boolean pauseForDelivery(UUID clientId, UUID id, String reason) {
        boolean paused = scope.inClient(clientId, () -> store.moveStatusWithNote(clientId, id, CampaignStatus.SENDING,
                CampaignStatus.PAUSED, reason, Times.now(clock)));
        if (paused) {
            audit.record(Actor.system("delivery"), clientId, "campaign.paused-by-delivery",
                    "campaign:" + id, reason.length() > 300 ? reason.substring(0, 300) : reason);
        }
        return paused;
    }

    /** Marks a sending campaign sent once delivery has handed every message over. */
    public void markSent(UUID clientId, UUID id) {
        scope.inClient(clientId, () -> store.moveStatus(clientId, id, CampaignStatus.SENDING, CampaignStatus.SENT, null, Times.now(clock)));
    }

    /** The recipients query of a campaign for the delivery module: a FROM/WHERE over subscribers {@code s}. */
    public record RecipientQuery(String fromWhere, Map<String, Object> params) {}

    public RecipientQuery recipientQuery(UUID clientId, UUID id) {
        return recipientQuery(scope.inClient(clientId, () -> store.find(clientId, id)).orElseThrow(() -> notFound(id)));
    }

    private RecipientQuery recipientQuery(Campaign c) {
        UUID clientId = c.clientId();
        String where = "s.client_id = :clientId";
        Map<String, Object> params = new LinkedHashMap<>(Map.of("clientId", clientId));
        if (c.segmentId() != null) {
            var segment = segments.find(clientId, c.segmentId());
            if (segment.isPresent()) {
                CompiledSegment compiled = segments.compile(clientId, segment.get().expression());
                where = compiled.where();
                params = new LinkedHashMap<>(compiled.params());
            }
        }
        return new RecipientQuery(store.recipientsFrom(where), store.recipientParams(params, c.listIds()));
    }

    /**
     * The web version of a message, for its signed link: the campaign as that subscriber got it.
     * Empty when the link is not ours, or the campaign or subscriber is gone (erased).
     */
    public Optional<Preview> webView(String token) {
        return webViews.read(token).flatMap(v -> {
            var person = subscribers.forDelivery(v.clientId(), List.of(v.subscriberId()));
            var campaign = scope.inClient(v.clientId(), () -> store.find(v.clientId(), v.campaignId()));
            if (campaign.isEmpty() || (person.isEmpty() && !v.subscriberId().equals(new UUID(0, 0)))) {
                return Optional.<Preview>empty();
            }
            Client client = clients.profile(v.clientId()).orElseThrow();
            var r = compile(campaign.get(), client).render(person.isEmpty() ? previewValues(client, null)
                    : values(client, v.campaignId(), person.get(0), Links.ALL, null));
            return Optional.of(new Preview(r.subject(), r.html(), r.text()));
        });
    }

    /** Renders a campaign for many subscribers, the content compiled once. */
    public interface Renderer {
        Preview render(Subscriber subscriber);

        /**
         * Renders with the subscriber's unsubscribe token already made (by
         * {@link org.optline.audience.SubscriberTokens#unsubscribe}) for the message's
         * List-Unsubscribe header, so that it is signed once per message, not twice. The token is
         * taken as given: it must be this subscriber's, of this campaign's client.
         */
        Preview render(Subscriber subscriber, String unsubscribeToken);

        Campaign campaign();
    }

    public Renderer renderer(UUID clientId, UUID id) {
        Campaign c = scope.inClient(clientId, () -> store.find(clientId, id)).orElseThrow(() -> notFound(id));
        Client client = clients.profile(clientId).orElseThrow();
        CompiledContent compiled = compile(c, client);
        Links links = Links.readBy(compiled);
        return new Renderer() {
            public Preview render(Subscriber subscriber) {
                return render(subscriber, null);
            }

            public Preview render(Subscriber subscriber, String unsubscribeToken) {
                var r = compiled.render(values(client, c.id(), subscriber, links, unsubscribeToken));
                return new Preview(r.subject(), r.html(), r.text());
            }

            public Campaign campaign() {
                return c;
            }
        };
    }

    private CompiledContent compile(Campaign c, Client client) {
        String html = htmlOf(c);
        return content.compile(new ContentEngine.Source(c.subject(), withFooter(html, content.keepsMergeTag(html, "unsubscribe_url")),
                withTextFooter(c.text())));
    }

    /** The campaign's HTML as it is sent, before the footer: in its template, with the preheader. */
    private String htmlOf(Campaign c) {
        String body = c.html();
        if (c.templateId() != null) {
            var template = scope.inClient(c.clientId(), () -> store.findTemplate(c.clientId(), c.templateId()));
            if (template.isPresent()) {
                body = template.get().html().replace("{{content}}", body);
            }
        }
        return withPreheader(body, c.preheader());
    }

    /** The preheader: the line inbox lists show after the subject, hidden in the message itself. */
    static String withPreheader(String html, String preheader) {
        if (preheader == null || preheader.isBlank()) {
            return html;
        }
        String hidden = "<div class=\"optline-preheader\" style=\"display: none; max-height: 0; overflow: hidden\">"
                + Entities.escape(preheader.strip()) + "</div>";
        Matcher body = Pattern.compile("(?i)<body[^>]*>").matcher(html);
        return body.find() ? html.substring(0, body.end()) + hidden + html.substring(body.end()) : hidden + html;
    }

    /**
     * The compliance footer: the postal address always, the unsubscribe link unless the content
     * has its own ({@code linked}: one that survives sanitising; one in a comment is not a link).
     */
    static String withFooter(String html, boolean linked) {
        StringBuilder footer = new StringBuilder("<p class=\"optline-footer\">{{client_name}}, {{postal_address}}");
        if (!linked) {
            footer.append("<br><a href=\"{{unsubscribe_url}}\">Unsubscribe</a> · <a href=\"{{preferences_url}}\">Preferences</a>");
        }
        footer.append("</p>");
        int body = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        return body >= 0 ? html.substring(0, body) + footer + html.substring(body) : html + footer;
    }

    /** Whether the content keeps an unsubscribe link of its own through sanitising (content the engine refuses has none). */
    private boolean ownUnsubscribeLink(String html) {
        try {
            return content.keepsMergeTag(html, "unsubscribe_url");
        } catch (ValidationException refused) {
            return false;
        }
    }

    /**
     * The same footer for a text part the client wrote (STANDARDS 1.7 and 1.10: a reader who sees
     * only the text part sees the postal address and a way out too). Null stays null: the text
     * part is then made from the HTML, footer included.
     */
    static String withTextFooter(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        StringBuilder footer = new StringBuilder(text.stripTrailing()).append("\n\n--\n{{client_name}}, {{postal_address}}\n");
        if (!MergeTags.names(text).contains("unsubscribe_url")) {
            footer.append("Unsubscribe: {{unsubscribe_url}}\nPreferences: {{preferences_url}}\n");
        }
        return footer.toString();
    }

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

    /**
     * The merge values of a message sent to {@code person}, with their live links.
     * {@code unsubscribeToken}: the person's unsubscribe token when the caller made it already, or null.
     */
    private Map<String, String> values(Client client, UUID campaignId, Subscriber person, Links links, String unsubscribeToken) {
        Map<String, String> values = personValues(client, person);
        if (links.unsubscribe()) {
            values.put("unsubscribe_url", baseUrl + "/s/unsubscribe/"
                    + (unsubscribeToken != null ? unsubscribeToken : tokens.unsubscribe(client.id(), person.id())));
        }
        if (links.preferences()) {
            values.put("preferences_url", baseUrl + "/s/preferences/" + tokens.preferences(client.id(), person.id()));
        }
        if (links.webview()) {
            values.put("webview_url", baseUrl + "/s/view/" + webViews.token(client.id(), campaignId, person.id()));
        }
        return values;
    }

    /**
     * The merge values of a preview or test send: the person's data (a sample person when null),
     * but preview links, which the public pages show as such and never act on. A live link would
     * let whoever reads the preview (an analyst, a test recipient) act as the subscriber.
     */
    private Map<String, String> previewValues(Client client, Subscriber person) {
        Map<String, String> values = personValues(client, person);
        values.put("unsubscribe_url", baseUrl + "/s/unsubscribe/" + tokens.preview(client.id(), SubscriberTokens.Link.UNSUBSCRIBE));
        values.put("preferences_url", baseUrl + "/s/preferences/" + tokens.preview(client.id(), SubscriberTokens.Link.PREFERENCES));
        values.put("webview_url", baseUrl + "/s/view/" + tokens.preview(client.id(), SubscriberTokens.Link.WEB_VERSION));
        return values;
    }

    private static Map<String, String> personValues(Client client, Subscriber person) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("client_name", client.name());
        values.put("postal_address", client.postalAddress());
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

    /** Whether a link is a preview's (see {@link #previewValues}): its page says so and shows nothing else. */
    public boolean isPreviewLink(String token) {
        return tokens.isPreview(token);
    }

    /** {@code c} checked, its HTML as it is stored: sanitised, so what the editor shows is what is sent. */
    private Campaign validated(UUID clientId, Campaign c) {
        required("name", c.name(), 200);
        required("fromName", c.fromName(), 200);
        atMost("subject", c.subject(), MAX_SUBJECT);
        atMost("preheader", c.preheader(), MAX_PREHEADER);
        atMost("html", c.html(), MAX_CONTENT);
        atMost("text", c.text(), MAX_CONTENT);
        EmailAddress.of("fromEmail", c.fromEmail());
        if (c.replyTo() != null && !c.replyTo().isBlank()) {
            EmailAddress.of("replyTo", c.replyTo());
        }
        if (c.html() == null || c.html().isBlank()) {
            throw ValidationException.of("html", "is required");
        }
        String html = content.sanitize(c.html());
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
        Campaign clean = new Campaign(c.id(), c.clientId(), c.name(), c.subject(), c.preheader(), c.fromName(), c.fromEmail(),
                c.replyTo(), html, c.text(), c.templateId(), c.segmentId(), c.listIds(), c.status(),
                c.scheduledAt(), c.createdAt(), c.updatedAt(), c.statusNote());
        Client client = clients.profile(clientId).orElseThrow();
        compile(clean, client);
        return clean;
    }

    private static void atMost(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ValidationException.of(field, "must be at most " + max + " characters");
        }
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ValidationException.of(field, "is required");
        }
        if (value.strip().length() > max) {
            throw ValidationException.of(field, "must be at most " + max + " characters");
        }
        return value.strip();
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No campaign " + id);
    }
}
