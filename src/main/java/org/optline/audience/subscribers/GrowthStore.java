package org.optline.audience.subscribers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How a client's audience grew: new subscribers per day. */
@Repository
public class GrowthStore {

    /** New subscribers on one UTC day. */
    public record Joined(LocalDate day, long count) {}

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public GrowthStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(GrowthStore.class);
    }

    public List<Joined> joinedPerDay(UUID clientId, OffsetDateTime from) {
        return jdbc.sql(sql.get("joined-per-day")).param("clientId", clientId).param("from", from)
                .query((rs, n) -> new Joined(rs.getObject("day_start", LocalDate.class), rs.getLong("joined"))).list();
    }
}
