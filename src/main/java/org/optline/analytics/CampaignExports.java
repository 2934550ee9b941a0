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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.optline.analytics.report.ReportStore;
import org.optline.analytics.report.ReportStore.RecipientRow;
import org.optline.audience.Subscriber;
import org.optline.audience.Subscribers;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.SpreadsheetCells;
import org.optline.platform.TenantScope;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a campaign's per-recipient results (sent, bounced, opens, clicks, unsubscribed, complained) as CSV
 * or JSON, a page of {@value #PAGE} recipients per transaction, so an export of a million
 * recipients holds one page in memory. CSV cells are spreadsheet-safe. Erased subscribers keep
 * their row with no address.
 */
@Service
public class CampaignExports {

    static final int PAGE = 1000;
    private static final List<String> COLUMNS = List.of("subscriber_id", "email", "sent_at", "bounced_at", "opens",
            "first_open_at", "last_open_at", "clicks", "first_click_at", "last_click_at", "unsubscribed_at", "soft_bounced_at",
            "complained_at");

    /** The formats an export is written in. */
    public enum Format { CSV, JSON }

    private final Campaigns campaigns;
    private final Subscribers subscribers;
    private final ReportStore store;
    private final TenantScope scope;
    private final AuditLog audit;
    private final JsonMapper json = JsonMapper.builder().build();

    public CampaignExports(Campaigns campaigns, Subscribers subscribers, ReportStore store, TenantScope scope, AuditLog audit) {
        this.campaigns = campaigns;
        this.subscribers = subscribers;
        this.store = store;
        this.scope = scope;
        this.audit = audit;
    }

    public static Format format(String raw) {
        if (raw == null || raw.isBlank() || raw.equalsIgnoreCase("csv")) {
            return Format.CSV;
        }
        if (raw.equalsIgnoreCase("json")) {
            return Format.JSON;
        }
        throw ValidationException.of("format", "must be csv or json");
    }

    /** The campaign, checked before the response starts: another client's is not found. */
    public Campaign check(Actor actor, UUID campaignId) {
        return campaigns.get(actor, campaignId);
    }

    public void write(Actor actor, UUID campaignId, Format format, OutputStream out) {
        Campaign c = check(actor, campaignId);
        try {
            if (format == Format.CSV) {
                csv(c, out);
            } else {
                json(c, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(actor, c.clientId(), "campaign.results.exported", "campaign:" + c.id(), format.name().toLowerCase(Locale.ROOT));
    }

    private void csv(Campaign c, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer)) {
            csv.writeRecord(COLUMNS);
            pages(c, (row, email) -> csv.writeRecord(cells(row, email).stream().map(SpreadsheetCells::safe).toList()));
        }
    }

    private void json(Campaign c, OutputStream out) throws IOException {
        out.write('[');
        boolean[] first = {true};
        pages(c, (row, email) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            List<String> cells = cells(row, email);
            for (int i = 0; i < COLUMNS.size(); i++) {
                item.put(camel(COLUMNS.get(i)), i == 4 || i == 7 ? Integer.valueOf(cells.get(i))
                        : cells.get(i).isEmpty() ? null : cells.get(i));
            }
            try {
                out.write((first[0] ? "\n" : ",\n").getBytes(StandardCharsets.UTF_8));
                out.write(json.writeValueAsBytes(item));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            first[0] = false;
        });
        out.write("\n]\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private interface RowSink {
        void accept(RecipientRow row, String email);
    }

    /** Every recipient in subscriber order, a page per client transaction, with their addresses in one query a page. */
    private void pages(Campaign c, RowSink sink) {
        UUID clientId = c.clientId();
        UUID after = ReportStore.BEFORE_ALL;
        while (true) {
            UUID from = after;
            List<RecipientRow> page = scope.inClient(clientId, () -> store.recipients(clientId, c.id(), from, PAGE));
            Map<UUID, String> emails = subscribers.forDelivery(clientId, page.stream().map(RecipientRow::id).toList()).stream()
                    .collect(Collectors.toMap(Subscriber::id, Subscriber::email));
            page.forEach(row -> sink.accept(row, emails.getOrDefault(row.id(), "")));
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private static List<String> cells(RecipientRow r, String email) {
        List<String> cells = new ArrayList<>(List.of(r.id().toString(), email, at(r.sentAt()), at(r.bouncedAt()),
                String.valueOf(r.opens()), at(r.firstOpenAt()), at(r.lastOpenAt()), String.valueOf(r.clicks()),
                at(r.firstClickAt()), at(r.lastClickAt()), at(r.unsubscribedAt()), at(r.softBouncedAt()), at(r.complainedAt())));
        return cells;
    }

    private static String at(OffsetDateTime t) {
        return t == null ? "" : t.toString();
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return out.toString();
    }

}
