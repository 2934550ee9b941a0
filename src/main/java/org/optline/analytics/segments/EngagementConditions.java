package org.optline.analytics.segments;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.optline.campaign.Campaigns;
import org.optline.platform.SqlArrays;
import org.optline.platform.Times;
import org.optline.segment.ConditionProvider;
import org.optline.segment.language.Expr;
import org.optline.segment.language.Operator;
import org.optline.segment.language.SegmentSyntaxException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Engagement in the segment language, answered from the analytics rollups (human opens and
 * clicks only): {@code opened within 30 days}, {@code clicked within 7 days},
 * {@code never opened}, {@code never clicked}, {@code opened campaign "X"},
 * {@code clicked campaign "X"}, {@code received campaign "X"}. Each is one {@code exists} probe
 * per subscriber on a primary key or index, pinned to the client; values are parameters.
 */
@Component
class EngagementConditions implements ConditionProvider {

    private static final Set<String> FIELDS = Set.of("opened", "clicked", "received");

    /** Looked up when a condition names a campaign: campaigns reach segments, so they cannot be built before this. */
    private final ObjectProvider<Campaigns> campaigns;
    private final Clock clock;

    EngagementConditions(ObjectProvider<Campaigns> campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @Override
    public Set<String> fields() {
        return FIELDS;
    }

    /**
     * Opened and clicked: within a period, a named campaign, never; received: a named campaign or
     * never. The campaigns offered are the client's latest, by name.
     */
    @Override
    public List<BuilderField> builderFields(UUID clientId) {
        List<String> names = campaigns.getObject().namesFor(clientId);
        return List.of(
                new BuilderField("opened", "Opened", List.of(Operator.WITHIN, Operator.CAMPAIGN, Operator.NEVER), names),
                new BuilderField("clicked", "Clicked", List.of(Operator.WITHIN, Operator.CAMPAIGN, Operator.NEVER), names),
                new BuilderField("received", "Received", List.of(Operator.CAMPAIGN, Operator.NEVER), names));
    }

    @Override
    public Optional<String> compile(Expr.Compare c, Parameters params) {
        String field = c.field().toLowerCase(Locale.ROOT);
        if (!FIELDS.contains(field)) {
            return Optional.empty();
        }
        String person = "e.client_id = " + params.clientId() + " and e.subscriber_id = s.id";
        String recipient = "select 1 from campaign_recipients r where r.client_id = " + params.clientId()
                + " and r.subscriber_id = s.id";
        return Optional.of(switch (c.op()) {
            case WITHIN -> {
                String column = column(c, field);
                yield "exists (select 1 from subscriber_engagement e where " + person + " and e." + column + " >= "
                        + params.add(since(c.values().get(0))) + ")";
            }
            case NEVER -> field.equals("received")
                    ? "not exists (" + recipient + " and r.sent_at is not null)"
                    : "not exists (select 1 from subscriber_engagement e where " + person + " and e." + column(c, field)
                            + " is not null)";
            case CAMPAIGN -> {
                String happened = switch (field) {
                    case "opened" -> "r.first_open_at";
                    case "clicked" -> "r.first_click_at";
                    default -> "r.sent_at";
                };
                yield "exists (" + recipient + " and r.campaign_id = any(" + params.add(SqlArrays.ofIds(named(c, params)))
                        + ") and " + happened + " is not null)";
            }
            default -> throw new SegmentSyntaxException(c.fieldColumn(), "'" + c.field() + "' is engagement; use "
                    + c.field() + " within 30 days, never " + c.field() + " or " + c.field() + " campaign \"Name\"");
        });
    }

    private static String column(Expr.Compare c, String field) {
        return switch (field) {
            case "opened" -> "last_open_at";
            case "clicked" -> "last_click_at";
            default -> throw new SegmentSyntaxException(c.fieldColumn(), "'received' takes a campaign: received campaign \"Name\"");
        };
    }

    private List<UUID> named(Expr.Compare c, Parameters params) {
        Expr.Value v = c.values().get(0);
        if (v.kind() != Expr.Value.Kind.TEXT) {
            throw new SegmentSyntaxException(v.column(), "expected a campaign name in double quotes");
        }
        List<UUID> ids = campaigns.getObject().idsNamed(params.client(), v.text());
        if (ids.isEmpty()) {
            throw new SegmentSyntaxException(v.column(), "there is no campaign named \"" + v.text() + "\"");
        }
        return ids;
    }

    /** The moment {@code 30 days ago} means now: engagement is kept to the microsecond, not by whole days. */
    private OffsetDateTime since(Expr.Value v) {
        String[] parts = v.text().split(" ");
        long n;
        try {
            n = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw new SegmentSyntaxException(v.column(), "the number is too large");
        }
        OffsetDateTime now = Times.now(clock);
        OffsetDateTime since = switch (parts[1]) {
            case "day", "days" -> now.minusDays(Math.min(n, 1_000_000));
            case "week", "weeks" -> now.minusWeeks(Math.min(n, 200_000));
            case "month", "months" -> now.minusMonths(Math.min(n, 50_000));
            default -> now.minusYears(Math.min(n, 5_000));
        };
        return since.getYear() < 1900 ? now.withYear(1900) : since;
    }
}
