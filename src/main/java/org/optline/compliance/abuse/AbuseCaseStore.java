package org.optline.compliance.abuse;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.compliance.AbuseCase;
import org.optline.compliance.CaseResolution;
import org.optline.compliance.CaseState;
import org.optline.compliance.Severity;
import org.optline.platform.NamedSql;
import org.optline.platform.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the abuse desk: cases, their complaints and notes. Every statement on one client's rows
 * names the client; the desk's list and the lookup of a case's client run in the platform scope.
 */
@Repository
public class AbuseCaseStore {

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(AbuseCaseStore.class);

    public AbuseCaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An abuse_cases row. */
    public record CaseRow(UUID id, UUID clientId, UUID campaignId, CaseState state, CaseResolution resolution,
                          Severity severity, int complaints, String clientNote, OffsetDateTime openedAt,
                          OffsetDateTime lastComplaintAt, OffsetDateTime updatedAt, OffsetDateTime resolvedAt) {}

    /** A complaint to record. */
    public record NewComplaint(UUID id, UUID clientId, UUID caseId, AbuseCase.Source source, UUID subscriberId, String email,
                               UUID campaignId, String feedbackType, String userAgent, String report,
                               AbuseCase.Reporter reporter, OffsetDateTime receivedAt) {}

    /** What the severity rule reads of a case's complaints. */
    public record Figures(long complaints, boolean fraudOrVirus, boolean byPerson, OffsetDateTime lastAt) {}

    /** A complaint as its client sees it: never the report or the reporter. */
    public record ClientRow(UUID id, OffsetDateTime receivedAt, UUID campaignId, String email, String feedbackType,
                            AbuseCase.Source source, CaseState caseState, String clientNote) {}

    /** A position in the desk's order, carried to the caller as an opaque string. */
    public record DeskCursor(int severity, OffsetDateTime openedAt, UUID id) {

        public String encode() {
            String raw = severity + "|" + openedAt.withOffsetSameInstant(ZoneOffset.UTC) + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** The position a cursor names; null or blank is the first page. */
        public static DeskCursor decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
                if (parts.length != 3) {
                    throw new IllegalArgumentException("not three parts");
                }
                return new DeskCursor(Severity.ofRank(Integer.parseInt(parts[0])).rank(), OffsetDateTime.parse(parts[1]),
                        UUID.fromString(parts[2]));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw ValidationException.of("cursor", "is not a cursor returned by this list");
            }
        }
    }

    /** The open case's key: the campaign, or {@code none} for the client's mail without a campaign. */
    static String openKey(UUID campaignId) {
        return campaignId == null ? "none" : campaignId.toString();
    }

    /** The client's unresolved case for the campaign, opened now if there is none. */
    public CaseRow openOrFind(UUID clientId, UUID campaignId, OffsetDateTime at) {
        String key = openKey(campaignId);
        jdbc.sql(sql.get("open-case")).param("id", UUID.randomUUID()).param("clientId", clientId)
                .param("campaignId", campaignId).param("openKey", key).param("at", at).update();
        return jdbc.sql(sql.get("find-open")).param("clientId", clientId).param("openKey", key)
                .query(AbuseCaseStore::mapCase).single();
    }

    public void insert(NewComplaint c) {
        AbuseCase.Reporter r = c.reporter();
        jdbc.sql(sql.get("insert-complaint")).param("id", c.id()).param("clientId", c.clientId()).param("caseId", c.caseId())
                .param("source", c.source().wireName()).param("subscriberId", c.subscriberId()).param("email", c.email())
                .param("campaignId", c.campaignId()).param("feedbackType", c.feedbackType()).param("userAgent", c.userAgent())
                .param("report", c.report()).param("reporterName", r == null ? null : r.name())
                .param("reporterEmail", r == null ? null : r.email()).param("reporterIp", r == null ? null : r.ip())
                .param("receivedAt", c.receivedAt()).update();
    }

    public Figures figures(UUID clientId, UUID caseId) {
        return jdbc.sql(sql.get("figures")).param("clientId", clientId).param("caseId", caseId)
                .query((rs, n) -> new Figures(rs.getLong("complaints"), rs.getInt("fraud_or_virus") > 0,
                        rs.getInt("by_person") > 0, rs.getObject("last_at", OffsetDateTime.class))).single();
    }

    public void setFigures(UUID clientId, UUID caseId, long complaints, Severity severity, OffsetDateTime lastAt,
                           OffsetDateTime at) {
        jdbc.sql(sql.get("set-figures")).param("clientId", clientId).param("id", caseId).param("complaints", complaints)
                .param("severity", severity.rank()).param("lastAt", lastAt).param("at", at).update();
    }

    public Optional<CaseRow> find(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("find")).param("clientId", clientId).param("id", id).query(AbuseCaseStore::mapCase).optional();
    }

    /** The client a case belongs to; platform scope. */
    public Optional<UUID> clientOf(UUID id) {
        return jdbc.sql(sql.get("client-of")).param("id", id).query(UUID.class).optional();
    }

    /** The desk's list, most severe and oldest first, narrowed by the filters given; platform scope. */
    public List<CaseRow> deskPage(CaseState state, UUID clientId, Severity severity, DeskCursor after, int limit) {
        return jdbc.sql(sql.get("desk-page")).param("state", state == null ? null : state.wireName())
                .param("clientId", clientId).param("severity", severity == null ? null : severity.rank())
                .param("afterSeverity", after == null ? null : after.severity())
                .param("afterAt", after == null ? null : after.openedAt()).param("afterId", after == null ? null : after.id())
                .param("limit", limit).query(AbuseCaseStore::mapCase).list();
    }

    /** Moves a case if it is still in {@code from}; answers whether it did. */
    public boolean move(UUID clientId, UUID id, CaseState from, CaseState to, CaseResolution resolution, String clientNote,
                        OffsetDateTime at) {
        return jdbc.sql(sql.get("move")).param("clientId", clientId).param("id", id).param("from", from.wireName())
                .param("to", to.wireName()).param("resolution", resolution == null ? null : resolution.wireName())
                .param("clientNote", clientNote).param("at", at).update() == 1;
    }

    public void insertNote(UUID clientId, UUID caseId, AbuseCase.Note note) {
        jdbc.sql(sql.get("insert-note")).param("id", note.id()).param("clientId", clientId).param("caseId", caseId)
                .param("at", note.at()).param("author", note.author()).param("kind", note.kind())
                .param("fromState", note.fromState() == null ? null : note.fromState().wireName())
                .param("toState", note.toState() == null ? null : note.toState().wireName())
                .param("resolution", note.resolution() == null ? null : note.resolution().wireName())
                .param("text", note.text()).update();
        jdbc.sql(sql.get("touch")).param("clientId", clientId).param("id", caseId).param("at", note.at()).update();
    }

    public List<AbuseCase.Complaint> complaints(UUID clientId, UUID caseId) {
        return jdbc.sql(sql.get("complaints-of-case")).param("clientId", clientId).param("caseId", caseId)
                .query((rs, n) -> new AbuseCase.Complaint(rs.getObject("id", UUID.class),
                        AbuseCase.Source.fromWire(rs.getString("source")), rs.getObject("subscriber_id", UUID.class),
                        rs.getString("email"), rs.getObject("campaign_id", UUID.class), rs.getString("feedback_type"),
                        rs.getString("user_agent"), rs.getString("report"), reporter(rs),
                        rs.getObject("received_at", OffsetDateTime.class), rs.getObject("erased_at", OffsetDateTime.class) != null))
                .list();
    }

    public List<AbuseCase.Note> notes(UUID clientId, UUID caseId) {
        return jdbc.sql(sql.get("notes-of-case")).param("clientId", clientId).param("caseId", caseId)
                .query((rs, n) -> new AbuseCase.Note(rs.getObject("id", UUID.class), rs.getObject("at", OffsetDateTime.class),
                        rs.getString("author"), rs.getString("kind"), state(rs.getString("from_state")),
                        state(rs.getString("to_state")), resolution(rs.getString("resolution")), rs.getString("text")))
                .list();
    }

    /** The client's complaints, newest first, after the given position. */
    public List<ClientRow> clientPage(UUID clientId, OffsetDateTime afterAt, UUID afterId, int limit) {
        return jdbc.sql(sql.get("client-complaints")).param("clientId", clientId).param("afterAt", afterAt)
                .param("afterId", afterId).param("limit", limit).query(AbuseCaseStore::mapClient).list();
    }

    public Optional<ClientRow> clientComplaint(UUID clientId, UUID id) {
        return jdbc.sql(sql.get("client-complaint")).param("clientId", clientId).param("id", id)
                .query(AbuseCaseStore::mapClient).optional();
    }

    /** Takes an erased subscriber's address and the report about them out of the complaints; the count stays. */
    public void forgetSubscriber(UUID clientId, UUID subscriberId, OffsetDateTime at) {
        jdbc.sql(sql.get("forget-subscriber")).param("clientId", clientId).param("subscriberId", subscriberId)
                .param("at", at).update();
    }

    private static AbuseCase.Reporter reporter(ResultSet rs) throws SQLException {
        String name = rs.getString("reporter_name");
        String email = rs.getString("reporter_email");
        String ip = rs.getString("reporter_ip");
        return name == null && email == null && ip == null ? null : new AbuseCase.Reporter(name, email, ip);
    }

    private static CaseState state(String value) {
        return value == null ? null : CaseState.fromWire(value).orElseThrow();
    }

    private static CaseResolution resolution(String value) {
        return value == null ? null : CaseResolution.fromWire(value).orElseThrow();
    }

    private static CaseRow mapCase(ResultSet rs, int n) throws SQLException {
        return new CaseRow(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getObject("campaign_id", UUID.class), state(rs.getString("state")), resolution(rs.getString("resolution")),
                Severity.ofRank(rs.getInt("severity")), rs.getInt("complaints"), rs.getString("client_note"),
                rs.getObject("opened_at", OffsetDateTime.class), rs.getObject("last_complaint_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("resolved_at", OffsetDateTime.class));
    }

    private static ClientRow mapClient(ResultSet rs, int n) throws SQLException {
        return new ClientRow(rs.getObject("id", UUID.class), rs.getObject("received_at", OffsetDateTime.class),
                rs.getObject("campaign_id", UUID.class), rs.getString("email"), rs.getString("feedback_type"),
                AbuseCase.Source.fromWire(rs.getString("source")), state(rs.getString("state")), rs.getString("client_note"));
    }
}
