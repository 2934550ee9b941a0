package org.optline.analytics;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.optline.audience.Subscriber;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.Cursor;
import org.optline.platform.Page;
import org.optline.platform.SpreadsheetCells;
import org.optline.platform.ValidationException;
import org.optline.tracking.TrackedEvent;
import org.optline.tracking.TrackedEvents;
import org.springframework.stereotype.Service;

/**
 * A campaign's opens and clicks one by one, with the recipient's address: as pages for the API
 * and as a streamed CSV of every event. The events are tracking's ({@link TrackedEvents}), the
 * addresses audience's, fetched in one query a page. People's hits and machines' (mailbox
 * proxies, security scanners) are both listed, told apart by {@code human}, {@code source} and
 * {@code rule}. Events of anonymous tracking name no one: {@code anonymous} is true and
 * subscriber and address are empty. An erased subscriber's events keep the id, not the address.
 */
@Service
public class RecipientEvents {

    /** Events per transaction while an export streams. */
    static final int EXPORT_PAGE = 1000;
    static final List<String> COLUMNS = List.of("event_id", "at", "type", "subscriber_id", "email", "anonymous", "url", "human",
            "source", "rule");

    /**
     * One event as the API shows it.
     *
     * @param type         {@code open} or {@code click}
     * @param subscriberId the recipient; null when {@code anonymous}
     * @param email        the recipient's address; null when anonymous or erased since
     * @param anonymous    the event came from anonymous tracking and names no one
     * @param url          a click's target; null for an open
     * @param human        a person's hit (counted in reports); false for a machine's
     * @param source       {@code human}, {@code mailbox_proxy} or {@code security_scanner}
     * @param rule         the rule that classed a machine hit, {@code human} when none did
     */
    public record Event(UUID id, OffsetDateTime at, String type, UUID subscriberId, String email, boolean anonymous, String url,
                        boolean human, String source, String rule) {}

    private final Campaigns campaigns;
    private final TrackedEvents events;
    private final Subscribers subscribers;
    private final AuditLog audit;

    public RecipientEvents(Campaigns campaigns, TrackedEvents events, Subscribers subscribers, AuditLog audit) {
        this.campaigns = campaigns;
        this.events = events;
        this.subscribers = subscribers;
        this.audit = audit;
    }

    /** The event kind a {@code type} parameter names: open, click, or both when it is absent. */
    public static TrackedEvent.Kind type(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> TrackedEvent.Kind.OPEN;
            case "click" -> TrackedEvent.Kind.CLICK;
            default -> throw ValidationException.of("type", "must be open or click");
        };
    }

    /** One page of the campaign's events, oldest first; another client's campaign is not found. */
    public Page<Event> page(Actor actor, UUID campaignId, String type, String cursor, Integer limit) {
        TrackedEvent.Kind kind = type(type);
        Cursor after = Cursor.decode(cursor);
        if (after != null && (after.createdAt().getYear() < 1970 || after.createdAt().getYear() > 9999)) {
            // Parses, but no page ended there; and years past 9999 would be out of the database's range.
            throw ValidationException.of("cursor", "is not a cursor returned by this list");
        }
        int size = Cursor.limit(limit);
        Campaign c = campaigns.get(actor, campaignId);
        TrackedEvents.Position from = after == null ? null : new TrackedEvents.Position(after.createdAt().toInstant(), after.id());
        List<TrackedEvents.Stored> page = events.page(c.clientId(), c.id(), kind, from, size + 1);
        List<TrackedEvents.Stored> shown = page.size() > size ? page.subList(0, size) : page;
        Map<UUID, String> emails = emails(c.clientId(), shown);
        String next = page.size() > size ? cursorAt(shown.get(shown.size() - 1)) : null;
        return new Page<>(shown.stream().map(e -> event(e, emails)).toList(), next);
    }

    /** The campaign, checked before a download starts: another client's is not found. */
    public Campaign check(Actor actor, UUID campaignId) {
        return campaigns.get(actor, campaignId);
    }

    /**
     * Writes every event of the campaign (of {@code type}, or all) as CSV to {@code out}, a page
     * of {@value #EXPORT_PAGE} per transaction, so a campaign of millions of events holds one page
     * in memory. Cells are spreadsheet-safe; the export is written to the audit log.
     */
    public void writeCsv(Actor actor, UUID campaignId, String type, OutputStream out) {
        TrackedEvent.Kind kind = type(type);
        Campaign c = check(actor, campaignId);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer)) {
            csv.writeRecord(COLUMNS);
            TrackedEvents.Position after = TrackedEvents.START;
            while (true) {
                List<TrackedEvents.Stored> page = events.page(c.clientId(), c.id(), kind, after, EXPORT_PAGE);
                Map<UUID, String> emails = emails(c.clientId(), page);
                for (TrackedEvents.Stored e : page) {
                    csv.writeRecord(cells(event(e, emails)).stream().map(SpreadsheetCells::safe).toList());
                }
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).position();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(actor, c.clientId(), "campaign.events.exported", "campaign:" + c.id(),
                kind == null ? "all" : kind.name().toLowerCase(Locale.ROOT));
    }

    private Map<UUID, String> emails(UUID clientId, List<TrackedEvents.Stored> page) {
        List<UUID> ids = page.stream().map(TrackedEvents.Stored::subscriberId).filter(Objects::nonNull).distinct().toList();
        return ids.isEmpty() ? Map.of() : subscribers.forDelivery(clientId, ids).stream()
                .collect(Collectors.toMap(Subscriber::id, Subscriber::email));
    }

    private static Event event(TrackedEvents.Stored e, Map<UUID, String> emails) {
        boolean anonymous = e.subscriberId() == null;
        return new Event(e.id(), OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC), e.kind().name().toLowerCase(Locale.ROOT),
                e.subscriberId(), anonymous ? null : emails.get(e.subscriberId()), anonymous,
                e.kind() == TrackedEvent.Kind.CLICK ? e.url() : null, e.source().human(),
                e.source().name().toLowerCase(Locale.ROOT), e.rule());
    }

    private static List<String> cells(Event e) {
        return List.of(e.id().toString(), e.at().toString(), e.type(), e.subscriberId() == null ? "" : e.subscriberId().toString(),
                e.email() == null ? "" : e.email(), String.valueOf(e.anonymous()), e.url() == null ? "" : e.url(),
                String.valueOf(e.human()), e.source(), e.rule());
    }

    private static String cursorAt(TrackedEvents.Stored last) {
        return new Cursor(OffsetDateTime.ofInstant(last.at(), ZoneOffset.UTC), last.id()).encode();
    }
}
