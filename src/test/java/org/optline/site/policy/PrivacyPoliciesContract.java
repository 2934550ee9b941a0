package org.optline.site.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.optline.platform.Actor;
import org.optline.platform.AuditEntry;
import org.optline.platform.AuditFilter;
import org.optline.platform.AuditLog;
import org.optline.platform.Clients;
import org.optline.platform.ForbiddenException;
import org.optline.platform.ValidationException;
import org.optline.site.PolicyPublished;
import org.optline.site.PolicyVersion;
import org.optline.site.PrivacyPolicies;
import org.optline.test.Fixtures;
import org.optline.test.StepClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The privacy policy's versions on each database: the shipped policy is version 1 from the first
 * start (and a second start adds nothing); publishing numbers, audits and announces a version,
 * refuses a client, bad input and a text that changes nothing, and gives racing publishers
 * distinct numbers; the home page tells of a new version for 30 days and not after.
 */
@Import(PrivacyPoliciesContract.MovableClock.class)
@RecordApplicationEvents
abstract class PrivacyPoliciesContract {

    /** The application's clock for this context: real time plus what the test added. */
    @TestConfiguration
    static class MovableClock {

        @Bean
        @Primary
        StepClock movableClock() {
            return new StepClock();
        }
    }

    @Autowired PrivacyPolicies policies;
    @Autowired FirstPolicy firstPolicy;
    @Autowired AuditLog audit;
    @Autowired Clients clients;
    @Autowired ApplicationEvents events;
    @Autowired MockMvc mvc;
    @Autowired Clock clock;
    @Autowired StepClock movable;

    @Test
    void theShippedPolicyIsVersionOneAndASecondStartAddsNothing() {
        PolicyVersion first = policies.version(1).orElseThrow();
        assertThat(first.text()).isEqualTo(FirstPolicy.shipped());
        assertThat(first.material()).isFalse();
        assertThat(first.summary()).isEqualTo(FirstPolicy.SUMMARY);
        assertThat(first.publishedBy()).isNull();
        int before = policies.versions().size();
        firstPolicy.afterSingletonsInstantiated();
        assertThat(policies.versions()).hasSize(before);
        assertThat(policies.version(1).orElseThrow().id()).isEqualTo(first.id());
    }

    @Test
    void theShippedPolicyStatesThePromises() {
        String text = FirstPolicy.shipped();
        assertThat(text).contains("consent ledger", "Permission only", "at once", "erase", "copy", "**90 days**",
                "anonymised", "IPv4", "IPv6", "abuse desk", "legal basis", "home page", "by email", "Legal bases",
                "[contact form](/contact)", "[report it](/abuse)", "/privacy/versions");
    }

    @Test
    void publishingNumbersAuditsAndAnnouncesTheVersion() {
        int before = policies.current().version();
        PolicyVersion v = policies.publish(Fixtures.operator(), policies.current().text() + "\n\nA new paragraph.", true,
                "  A new paragraph about retention.  ");
        assertThat(v.version()).isEqualTo(before + 1);
        assertThat(v.summary()).isEqualTo("A new paragraph about retention.");
        assertThat(policies.current()).isEqualTo(v);
        assertThat(policies.versions().get(0)).isEqualTo(v);
        assertThat(events.stream(PolicyPublished.class).filter(e -> e.policyId().equals(v.id())).toList())
                .containsExactly(new PolicyPublished(v.id(), v.version(), true, "A new paragraph about retention.", v.publishedAt()));
        List<AuditEntry> entries = audit.search(Fixtures.operator(), new AuditFilter(null, PrivacyPolicies.PUBLISHED, null, null, null),
                null, 50).items();
        assertThat(entries).anyMatch(e -> e.target().equals("policy:" + v.version()) && e.detail().contains("material=true")
                && e.clientId() == null);
    }

    @Test
    void aClientCannotPublishAndNothingIsAnnounced() {
        Actor admin = Fixtures.admin(Fixtures.client(clients, "Policy client"));
        int before = policies.current().version();
        assertThatThrownBy(() -> policies.publish(admin, "# Mine", false, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> policies.page(admin, null, 10)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> policies.get(admin, "1")).isInstanceOf(ForbiddenException.class);
        assertThat(policies.current().version()).isEqualTo(before);
        assertThat(events.stream(PolicyPublished.class)).isEmpty();
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsStored() {
        int before = policies.current().version();
        assertThatThrownBy(() -> policies.publish(Fixtures.operator(), "  ", null, "two\nlines"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field).containsExactly("text", "material", "summary"));
        assertThatThrownBy(() -> policies.publish(Fixtures.operator(), "x".repeat(PrivacyPolicies.TEXT_MAX + 1), false,
                "s".repeat(PrivacyPolicies.SUMMARY_MAX + 1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).extracting(ValidationException.FieldError::message)
                        .containsExactly("must be at most 100000 characters", "must be at most 500 characters"));
        assertThatThrownBy(() -> policies.publish(Fixtures.operator(), "A material change " + System.nanoTime(), true, "  "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).extracting(ValidationException.FieldError::field)
                        .containsExactly("summary")).hasMessageContaining("required for a material change");
        assertThatThrownBy(() -> policies.publish(Fixtures.operator(), "Bell\u0007", false, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("control characters");
        // The same text again, whatever its line endings, would announce a change that is not there.
        String same = policies.current().text().replace("\n", "\r\n") + "\r\n";
        assertThatThrownBy(() -> policies.publish(Fixtures.operator(), same, false, "Nothing"))
                .isInstanceOf(ValidationException.class).hasMessage("text is the same as the current version's");
        assertThat(policies.current().version()).isEqualTo(before);
        assertThat(events.stream(PolicyPublished.class)).isEmpty();
    }

    @Test
    void publishersAtTheSameTimeGetDistinctNumbers() throws Exception {
        int before = policies.current().version();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<PolicyVersion>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String text = "# Policy\n\nRacing edition " + i + ".";
                tasks.add(() -> policies.publish(Fixtures.operator(), text, false, null));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<PolicyVersion> f : pool.invokeAll(tasks)) {
                numbers.add(f.get().version());
            }
            assertThat(numbers).containsExactlyInAnyOrder(before + 1, before + 2, before + 3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theHomePageTellsOfANewVersionForThirtyDays() throws Exception {
        assertThat(clock).as("the application runs on the test's clock").isSameAs(movable);
        PolicyVersion v = policies.publish(Fixtures.operator(), "# Privacy policy\n\nShorter, for the banner " + System.nanoTime(),
                false, "We now keep access logs for 60 days");
        assertThat(policies.recentChange()).contains(v);
        assertThat(home()).contains("id=\"policy-notice\"", "Our privacy policy changed on", PolicyView.day(v.publishedAt()),
                "We now keep access logs for 60 days", "href=\"/privacy/versions#version-" + v.version() + "\"",
                "see what changed", "id=\"permission-statement\"");
        movable.advance(Duration.ofDays(29));
        assertThat(home()).contains("id=\"policy-notice\"");
        movable.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(policies.recentChange()).isEmpty();
        assertThat(home()).doesNotContain("policy-notice").contains("id=\"permission-statement\"");
        // A later version, material or not, is told again; one without a summary still links to its changes.
        PolicyVersion next = policies.publish(Fixtures.operator(), v.text() + "\n\nOne more line.", false, null);
        assertThat(home()).contains("id=\"policy-notice\"", "href=\"/privacy/versions#version-" + next.version() + "\"")
                .doesNotContain("policy-notice-summary");
    }

    private String home() throws Exception {
        return mvc.perform(get("/")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
