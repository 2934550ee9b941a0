package org.optline.platform.bootstrap;

import java.io.PrintStream;
import java.time.Clock;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.ApiKeys;
import org.optline.platform.AuditLog;
import org.optline.platform.CreatedApiKey;
import org.optline.platform.Emails;
import org.optline.platform.NamedSql;
import org.optline.platform.Role;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.apikeys.Secrets;
import org.optline.platform.users.PasswordPolicy;
import org.optline.platform.users.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On the very first start, creates the first operator login and an operator API key and prints
 * them once to the console (not to the log: secrets are never logged). Values given in the
 * environment are used instead of generated ones and are not printed. Several nodes starting at
 * once agree through the single-row {@code platform_bootstrap} table.
 */
@Component
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final JdbcClient jdbc;
    private final UserStore users;
    private final ApiKeys apiKeys;
    private final AuditLog audit;
    private final TenantScope scope;
    private final PasswordEncoder passwords;
    private final OperatorProperties properties;
    private final Clock clock;
    private final NamedSql sql = NamedSql.forClass(FirstStart.class);
    private final PrintStream console = System.out;

    FirstStart(JdbcClient jdbc, UserStore users, ApiKeys apiKeys, AuditLog audit, TenantScope scope,
               PasswordEncoder passwords, OperatorProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.apiKeys = apiKeys;
        this.audit = audit;
        this.scope = scope;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
        sql.get("claim");
        sql.get("done");
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor system = Actor.system("first start");
        boolean givenKey = properties.apiKey() != null && !properties.apiKey().isBlank();
        if (givenKey) {
            apiKeys.ensureOperatorKey(system, properties.apiKey())
                    .ifPresent(k -> log.info("Registered the operator API key from OPTLINE_OPERATOR_API_KEY ({})", k.key().prefix()));
        }
        if (scope.asPlatform(() -> jdbc.sql(sql.get("done")).query(Long.class).single()) > 0) {
            return;
        }
        try {
            scope.asPlatform(() -> createFirstOperator(system, givenKey));
        } catch (DuplicateKeyException raced) {
            log.info("Another node created the first operator");
        }
    }

    private Void createFirstOperator(Actor system, boolean givenKey) {
        String email = Emails.normalizeLogin("OPTLINE_OPERATOR_EMAIL", properties.email());
        boolean givenPassword = properties.password() != null && !properties.password().isBlank();
        String password = givenPassword ? properties.password() : Secrets.newPassword();
        PasswordPolicy.problem(password, email).ifPresent(p -> {
            throw new IllegalStateException("OPTLINE_OPERATOR_PASSWORD " + p);
        });
        UUID userId = UUID.randomUUID();
        var now = Times.now(clock);
        jdbc.sql(sql.get("claim")).param("userId", userId).param("at", now).update();
        users.insert(userId, null, email, passwords.encode(password), Role.OPERATOR, now);
        audit.record(system, null, "operator.bootstrapped", "user:" + userId, email);
        CreatedApiKey key = givenKey ? null : apiKeys.createOperatorKey(system, "First operator key");
        printOnce(email, givenPassword ? null : password, key == null ? null : key.secret());
        return null;
    }

    private void printOnce(String email, String password, String key) {
        console.println();
        console.println("==================================================================");
        console.println(" Optline first start: the first operator");
        console.println("   login:    " + email);
        console.println("   password: " + (password == null ? "(from OPTLINE_OPERATOR_PASSWORD)" : password));
        console.println("   API key:  " + (key == null ? "(from OPTLINE_OPERATOR_API_KEY)" : key));
        console.println(" These are shown once. Log in at the web UI and change the password.");
        console.println("==================================================================");
        console.println();
    }
}
