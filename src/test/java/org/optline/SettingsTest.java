package org.optline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.optline.audience.AudienceProperties;
import org.optline.campaign.CampaignProperties;
import org.optline.compliance.termination.TerminationProperties;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.MailProperties;
import org.optline.inbound.InboundProperties;
import org.optline.platform.SiteProperties;
import org.optline.platform.StorageProperties;
import org.optline.platform.security.LoginProperties;
import org.optline.site.accesslog.AccessLogProperties;
import org.optline.site.forms.FormLimits;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings records are where defaults live. application.yml maps the documented
 * {@code OPTLINE_*} names onto them, and a placeholder needs a fallback to stay unset; these
 * fallbacks must say what the records say, and every name the README documents must be mapped.
 */
class SettingsTest {

    /** Each settings record with the prefix it binds; package-private ones by name. */
    private static final Map<String, String> RECORDS = Map.ofEntries(
            Map.entry(SiteProperties.class.getName(), "optline"),
            Map.entry(StorageProperties.class.getName(), "optline"),
            Map.entry(MailProperties.class.getName(), "optline.mail"),
            Map.entry("org.optline.platform.web.HttpProperties", "optline.http"),
            Map.entry(AudienceProperties.class.getName(), "optline.audience"),
            Map.entry(CampaignProperties.class.getName(), "optline.campaigns"),
            Map.entry(DeliveryProperties.class.getName(), "optline.delivery"),
            Map.entry("org.optline.platform.bootstrap.OperatorProperties", "optline.operator"),
            Map.entry(LoginProperties.class.getName(), "optline.login"),
            Map.entry(InboundProperties.class.getName(), "optline.inbound"),
            Map.entry(TerminationProperties.class.getName(), "optline.termination"),
            Map.entry(AccessLogProperties.class.getName(), "optline.site.access-log"),
            Map.entry(FormLimits.class.getName(), "optline.site.forms"),
            Map.entry("org.optline.site.notice.NoticeProperties", "optline.notices"));

    @Test
    void applicationYmlFallsBackToTheRecordsDefaults() throws Exception {
        Binder yml = Binder.get(applicationYmlAlone());
        Binder nothing = new Binder(new MapConfigurationPropertySource());
        for (var e : RECORDS.entrySet()) {
            Bindable<?> type = Bindable.of(Class.forName(e.getKey()));
            Object fromYml = yml.bindOrCreate(e.getValue(), type);
            Object defaults = nothing.bindOrCreate(e.getValue(), type);
            assertThat(fromYml).as(e.getKey()).usingRecursiveComparison()
                    // The provider groups are configuration, not a default: the record has none.
                    .ignoringFields("throttle.domains")
                    // An empty placeholder fallback stands for "not set".
                    .withEqualsForType((a, b) -> Objects.equals(blankToNull(a), blankToNull(b)), String.class)
                    .isEqualTo(defaults);
        }
    }

    @Test
    void theBaseUrlLosesItsTrailingSlashOnce() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("optline.base-url", "https://mail.example.com/")));
        assertThat(binder.bindOrCreate("optline", SiteProperties.class).baseUrl()).isEqualTo("https://mail.example.com");
        assertThat(new SiteProperties("https://mail.example.com", null).baseUrl()).isEqualTo("https://mail.example.com");
    }

    @Test
    void everyEnvironmentNameTheReadmeDocumentsIsMapped() throws IOException {
        String yml = new String(new ClassPathResource("application.yml").getInputStream().readAllBytes());
        List<String> unmapped = new ArrayList<>();
        for (String name : documentedNames()) {
            // OPTLINE_SECRETS_KEY is optline.secrets.key by Spring's own mapping of environment names.
            if (!yml.contains("${" + name + ":") && !name.equals("OPTLINE_SECRETS_KEY")) {
                unmapped.add(name);
            }
        }
        assertThat(unmapped).isEmpty();
    }

    /** The names in the README's configuration table (rows start with one or more of them). */
    private static List<String> documentedNames() throws IOException {
        List<String> names = new ArrayList<>();
        Pattern name = Pattern.compile("`(OPTLINE_[A-Z_]+)`");
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("| `OPTLINE_")) {
                Matcher m = name.matcher(line.substring(0, line.indexOf(" | ", 2)));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertThat(names).hasSizeGreaterThan(30);
        return names;
    }

    /** application.yml with no environment behind it, so every placeholder takes its fallback. */
    private static StandardEnvironment applicationYmlAlone() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml")).forEach(sources::addLast);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static Object blankToNull(Object s) {
        return s == null || s.toString().isEmpty() ? null : s;
    }
}
