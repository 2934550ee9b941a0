package org.optline.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.optline.delivery.outbox.MessageParts;
import org.optline.delivery.outbox.MimeComposer;
import org.optline.delivery.outbox.OutboxStore;
import org.optline.platform.Actor;
import org.optline.platform.Cursor;
import org.optline.platform.HeaderText;
import org.optline.platform.NotFoundException;
import org.optline.platform.Page;
import org.optline.platform.Role;
import org.optline.platform.SiteProperties;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.TransactionalMail;
import org.springframework.stereotype.Service;

/**
 * The built-in capture transport: the default way out, needing no configuration. Every message is
 * composed exactly as it would be sent and stored, browsable in the UI and through
 * {@code GET /api/v1/outbox}. It also serves the transactional-mail port (confirmations, test sends); campaign mail reaches
 * it through {@link org.optline.delivery.outbox.CaptureTransport}.
 */
@Service
public class Outbox implements TransactionalMail {

    private final OutboxStore store;
    private final TenantScope scope;
    private final Clock clock;
    private final String fromAddress;
    private final String bounceDomain;
    /** Where open pixels point: a view of a message must not count as the recipient's open. */
    private final String openPixels;
    /** The confirmation link in a confirmation mail (audience's PublicLinks writes {@code /s/confirm/{token}}). */
    private static final Pattern CONFIRMATION_LINK = Pattern.compile("(/s/confirm/)[^\\s\"'<>]+");
    private static final String WITHHELD = "$1(link withheld)";

    public Outbox(OutboxStore store, TenantScope scope, Clock clock,
                  MailProperties mail, SiteProperties site) {
        this.openPixels = site.baseUrl() + "/t/o/";
        this.store = store;
        this.scope = scope;
        this.clock = clock;
        this.fromAddress = mail.fromAddress();
        this.bounceDomain = mail.bounceDomain();
    }

    @Override
    public String send(Message message) {
        var captured = compose(message.clientId(), null, message.kind(), "bounces@" + bounceDomain, message.fromName(),
                fromAddress, message.to(), message.subject(), message.text(), message.html(), Map.of());
        if (message.clientId() == null) {
            scope.asPlatform(() -> store.insert(captured, message.onBehalfOf()));
        } else {
            scope.inClient(message.clientId(), () -> store.insert(captured));
        }
        return messageId(captured.id(), fromAddress);
    }

    /** One message as it would be sent, with a Message-ID on the sender's domain. */
    private OutboxMessage compose(UUID clientId, UUID campaignId, String kind, String envelopeFrom, String fromName,
                                  String fromAddress, String to, String subject, String text, String html,
                                  Map<String, String> headers) {
        UUID id = UUID.randomUUID();
        var now = Times.now(clock);
        String raw = MimeComposer.compose(messageId(id, fromAddress), fromName, fromAddress, to, subject, text, html,
                now.toInstant(), headers);
        return new OutboxMessage(id, clientId, campaignId, kind, envelopeFrom, to, HeaderText.oneLine(subject), raw, now);
    }

    private static String messageId(UUID id, String fromAddress) {
        return "<" + id + "@" + fromAddress.substring(fromAddress.indexOf('@') + 1) + ">";
    }

    public String bounceDomain() {
        return bounceDomain;
    }

    /**
     * The actor's client's captured messages (operators: platform mail), newest first, as the API
     * serves them: never the platform-held confirmation mail, whose raw text carries the link.
     */
    public Page<OutboxMessage> page(Actor actor, String cursor, Integer limit) {
        return search(actor, false, OutboxSearch.ANY, cursor, limit);
    }

    /**
     * The outbox page's search. A client's admins also find the confirmation mail its subscription
     * forms sent (held as platform mail); {@link #view} withholds its link.
     */
    public Page<OutboxMessage> search(Actor actor, OutboxSearch search, String cursor, Integer limit) {
        return search(actor, seesConfirmations(actor), search, cursor, limit);
    }

    private Page<OutboxMessage> search(Actor actor, boolean onBehalf, OutboxSearch search, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        List<OutboxMessage> rows = scope.as(actor, () -> store.search(actor.clientId(), onBehalf, search, after, size + 1));
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        List<OutboxMessage> items = new ArrayList<>(rows.subList(0, size));
        OutboxMessage last = items.get(items.size() - 1);
        return new Page<>(items, new Cursor(last.createdAt(), last.id()).encode());
    }

    /** One message as the API serves it (raw text included), the actor's own only. */
    public OutboxMessage get(Actor actor, UUID id) {
        return find(actor, id, false);
    }

    /**
     * One message taken apart for reading: headers, text and HTML parts (the HTML without the open
     * pixel, so that looking is not counted as the recipient's open), and the raw source. A
     * confirmation a client's admin reads has its link withheld (see {@link OutboxView}).
     */
    public OutboxView view(Actor actor, UUID id) {
        OutboxMessage message = find(actor, id, seesConfirmations(actor));
        MessageParts parts = MessageParts.parse(message.raw());
        String html = parts.html() == null ? null : withoutOpenPixel(parts.html());
        if (message.clientId() == null && actor.clientId() != null) {
            return new OutboxView(message, parts.headers().stream()
                    .map(h -> new OutboxView.Header(h.name(), withhold(h.value()))).toList(),
                    withhold(parts.text()), withhold(html), null, true);
        }
        return new OutboxView(message, parts.headers(), parts.text(), html, message.raw(), false);
    }

    private OutboxMessage find(Actor actor, UUID id, boolean onBehalf) {
        return scope.as(actor, () -> store.find(actor.clientId(), id, onBehalf))
                .orElseThrow(() -> new NotFoundException("No message " + id));
    }

    /** A client's admins read the confirmations sent for their client; nobody else in a client does. */
    private static boolean seesConfirmations(Actor actor) {
        return actor.clientId() != null && actor.role() == Role.CLIENT_ADMIN;
    }

    private static String withhold(String text) {
        return text == null ? null : CONFIRMATION_LINK.matcher(text).replaceAll(WITHHELD);
    }

    private String withoutOpenPixel(String html) {
        Document doc = Jsoup.parse(html);
        for (Element img : doc.select("img[src]")) {
            if (img.attr("src").startsWith(openPixels)) {
                img.remove();
            }
        }
        doc.charset(StandardCharsets.UTF_8); // the frame is served as UTF-8: a meta naming another charset would disagree
        doc.outputSettings().prettyPrint(false); // the message's own white space, as its recipient gets it
        return doc.outerHtml();
    }
}
