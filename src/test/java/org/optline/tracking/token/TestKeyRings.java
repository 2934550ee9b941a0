package org.optline.tracking.token;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.optline.platform.KeyRings;
import org.optline.platform.SecretBox;
import org.optline.platform.TenantScope;
import org.optline.tracking.TrackingProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The platform's key rings on an in-memory H2 database holding only {@code platform_secrets}: for token tests without a context. */
public final class TestKeyRings {

    private TestKeyRings() {}

    public static KeyRings fresh(String database) {
        DataSource data = new DriverManagerDataSource("jdbc:h2:mem:" + database + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        JdbcClient jdbc = JdbcClient.create(data);
        jdbc.sql("create table if not exists platform_secrets (name varchar(50) primary key, secret varchar(1000) not null, "
                + "created_at timestamp with time zone not null)").update();
        TenantScope scope = new TenantScope(new DataSourceTransactionManager(data), jdbc, data);
        return new KeyRings(jdbc, scope, new SecretBox(new byte[32]), Clock.systemUTC());
    }

    public static TrackingTokens tokens(KeyRings rings, Duration rotation) {
        return new TrackingTokens(rings, new TrackingProperties(false, rotation, 25, 3,
                new TrackingProperties.Ingest(100, 10, Duration.ofMillis(1), 1, Duration.ofSeconds(5), 100, Duration.ofMillis(50), Duration.ZERO)));
    }
}
