package org.optline.platform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.optline.OptlineApplication;
import org.optline.platform.ApiKeys;
import org.optline.platform.Clients;
import org.optline.platform.Role;
import org.optline.test.Fixtures;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The first README command's promises: with no configuration, the first start prints an operator
 * login and key once; a restart on the same H2 file keeps every row and prints nothing again.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartAndRestartTest {

    private static final Pattern PASSWORD = Pattern.compile("password: (\\S+)");
    private static final Pattern KEY = Pattern.compile("API key:\\s+(opl_\\S+)");

    private static ConfigurableApplicationContext start(Path dataDir, String... more) {
        // Command-line arguments outrank application.yml, as OPTLINE_* variables do in production.
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--optline.data-dir=" + dataDir,
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("optline")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(OptlineApplication.class).run(args.toArray(String[]::new));
    }

    @Test
    void firstStartPrintsCredentialsOnceAndARestartKeepsAllData(@TempDir Path dataDir, CapturedOutput output) {
        UUID clientId;
        String key;
        try (var app = start(dataDir)) {
            Matcher password = PASSWORD.matcher(output.getOut());
            Matcher keyLine = KEY.matcher(output.getOut());
            assertThat(password.find()).as("password printed").isTrue();
            assertThat(keyLine.find()).as("key printed").isTrue();
            key = keyLine.group(1);
            assertThat(app.getBean(ApiKeys.class).authenticate(key)).get().extracting(a -> a.role()).isEqualTo(Role.OPERATOR);
            String hash = app.getBean(JdbcClient.class)
                    .sql("select password_hash from users where email = 'operator@optline.local'").query(String.class).single();
            assertThat(app.getBean(PasswordEncoder.class).matches(password.group(1), hash)).isTrue();
            clientId = Fixtures.client(app.getBean(Clients.class), "Survivor").client().id();
        }
        int printedBefore = output.getOut().split("Optline first start", -1).length - 1;
        try (var app = start(dataDir)) {
            assertThat(app.getBean(Clients.class).get(Fixtures.operator(), clientId).name()).isEqualTo("Survivor");
            assertThat(app.getBean(ApiKeys.class).authenticate(key)).isPresent();
        }
        int printedAfter = output.getOut().split("Optline first start", -1).length - 1;
        assertThat(printedBefore).isEqualTo(1);
        assertThat(printedAfter).isEqualTo(1);
    }

    /**
     * With no configuration the secrets key is a file made on the first start, which the restart
     * above reads again; a node given another key refuses to start and says why.
     */
    @Test
    void aNodeWithAnotherSecretsKeyThanTheDatabaseRefusesToStart(@TempDir Path dataDir) throws Exception {
        try (var app = start(dataDir)) {
            assertThat(dataDir.resolve("secrets.key")).isRegularFile();
        }
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> start(dataDir, "--optline.secrets.key=" + otherKey))
                .hasStackTraceContaining("cannot open the secrets in its database")
                .hasStackTraceContaining("OPTLINE_SECRETS_KEY");
        try (var app = start(dataDir)) {
            assertThat(app.isRunning()).isTrue(); // the file's key still opens everything
        }
    }
}
