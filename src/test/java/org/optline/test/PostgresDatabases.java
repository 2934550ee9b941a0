package org.optline.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Fresh PostgreSQL databases for tests. {@code OPTLINE_TEST_PG_URL} names a superuser connection
 * (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); with it this class creates
 * the plain login role {@code optline_app} and a new database owned by it for each Spring context,
 * so the application runs exactly as in production: as a role that row-level security binds.
 */
public final class PostgresDatabases {

    public static final String ENV = "OPTLINE_TEST_PG_URL";
    public static final String APP_ROLE = "optline_app";
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/]+)/([^?]*)(\\?.*)?");
    private static final Pattern CREATED = Pattern.compile("optline_it_(\\d+)_[0-9a-f]+");
    private static final long STALE_SECONDS = 3 * 3600;
    private static final AtomicBoolean CLEANED = new AtomicBoolean();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private PostgresDatabases() {}

    public static String adminUrl() {
        String url = System.getenv(ENV);
        return url == null || url.isBlank() ? null : url;
    }

    /** Opens a superuser connection, for tests that must look past the application role. */
    public static Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl());
    }

    /** Creates a new database owned by {@code optline_app}; answers the application's connection settings. */
    public static synchronized Map<String, Object> createDatabase() {
        Matcher m = URL.matcher(adminUrl());
        if (!m.matches()) {
            throw new IllegalStateException(ENV + " must look like jdbc:postgresql://host:port/db?user=...");
        }
        // The creation time in the name lets a run tell its own databases from a crashed run's:
        // several runs (worktrees, a developer's run beside CI) may share one PostgreSQL.
        String name = "optline_it_" + (System.currentTimeMillis() / 1000) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            if (CLEANED.compareAndSet(false, true)) {
                dropOldDatabases(s);
            }
            s.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + APP_ROLE + "') then "
                    + "create role " + APP_ROLE + " login nosuperuser nobypassrls nocreatedb nocreaterole; end if; end $$");
            s.execute("create database " + name + " owner " + APP_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        // Spring keeps test contexts cached side by side, each with its pool: an idle pool shrinks to
        // one connection after ten seconds (Hikari's shortest idle timeout), so a dozen cached
        // contexts do not take PostgreSQL's hundred connection slots; a busy test still gets the
        // full pool. (Not for H2: an in-memory H2 database loses its check constraints when the
        // connection that created them closes.)
        return Map.of(
                "spring.datasource.url", "jdbc:postgresql://" + m.group(1) + "/" + name,
                "spring.datasource.username", APP_ROLE,
                "spring.datasource.password", "",
                "spring.datasource.hikari.minimum-idle", "1",
                "spring.datasource.hikari.idle-timeout", "10000");
    }

    /** Drops test databases left by runs that ended more than {@value #STALE_SECONDS} seconds ago. */
    private static void dropOldDatabases(Statement s) throws SQLException {
        List<String> old = new ArrayList<>();
        long staleBefore = System.currentTimeMillis() / 1000 - STALE_SECONDS;
        try (ResultSet rs = s.executeQuery("select datname from pg_database where datname like 'optline\\_it\\_%'")) {
            while (rs.next()) {
                Matcher created = CREATED.matcher(rs.getString(1));
                if (!created.matches() || Long.parseLong(created.group(1)) < staleBefore) {
                    old.add(rs.getString(1));
                }
            }
        }
        for (String db : old) {
            s.execute("drop database if exists " + db + " with (force)");
        }
    }

    /** Skips PostgreSQL tests, visibly, where no PostgreSQL was given. */
    public static final class Available implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (adminUrl() != null) {
                return ConditionEvaluationResult.enabled(ENV + " is set");
            }
            String reason = "PostgreSQL tests skipped: set " + ENV
                    + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run them";
            if (WARNED.compareAndSet(false, true)) {
                System.out.println("[WARNING] " + reason);
            }
            return ConditionEvaluationResult.disabled(reason);
        }
    }

    /** Drops a database made for a test context, with whatever connections are still open. */
    static void dropDatabase(String name) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.out.println("[WARNING] could not drop test database " + name + ": " + e.getMessage());
        }
    }

    /** Drops its context's database when the context closes: last, as the connection pool depends on it. */
    static final class DatabaseDropper implements DisposableBean {
        private final String name;

        DatabaseDropper(String name) {
            this.name = name;
        }

        @Override
        public void destroy() {
            dropDatabase(name);
        }
    }

    /**
     * Points the Spring context at a database of its own, and drops that database when the context
     * closes (evicted from the test context cache, or at the end of the run), so a run leaves no
     * databases behind; those of a killed run go with the next run's stale sweep.
     */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        private static final String DROPPER = "optlineTestDatabaseDropper";

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> settings = createDatabase();
            String url = (String) settings.get("spring.datasource.url");
            String name = url.substring(url.lastIndexOf('/') + 1);
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("optline-test-postgres", settings));
            context.addBeanFactoryPostProcessor(factory -> {
                BeanDefinitionRegistry registry = (BeanDefinitionRegistry) factory;
                registry.registerBeanDefinition(DROPPER,
                        BeanDefinitionBuilder.genericBeanDefinition(DatabaseDropper.class, () -> new DatabaseDropper(name)).getBeanDefinition());
                if (registry.containsBeanDefinition("dataSource")) {
                    BeanDefinition pool = registry.getBeanDefinition("dataSource");
                    String[] before = pool.getDependsOn() == null ? new String[0] : pool.getDependsOn();
                    String[] after = Arrays.copyOf(before, before.length + 1);
                    after[before.length] = DROPPER;
                    pool.setDependsOn(after);
                }
            });
        }
    }
}
