package org.optline.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.optline.audience.EmailAddress;
import org.optline.audience.Suppressions;
import org.optline.campaign.store.TestSendStore;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.TooManyRequestsException;
import org.optline.platform.Users;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * Who may receive a client's test messages, and how many: an enabled user of the client, or an
 * address a client admin has allowed; never a suppressed address (client or platform list); at
 * most {@link CampaignProperties#testSendsPerHour()} a clock hour per client, shared by all nodes.
 * Test messages bypass the campaign's audience, so without this they would mail anybody.
 */
@Service
public class TestRecipients {

    /** What a test send may do: the addresses it may mail and those skipped as suppressed. */
    record Admitted(List<EmailAddress> send, List<EmailAddress> suppressed) {}

    private final TestSendStore store;
    private final Users users;
    private final Suppressions suppressions;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;
    private final int perHour;

    public TestRecipients(TestSendStore store, Users users, Suppressions suppressions, TenantScope scope, AuditLog audit,
                          Clock clock, CampaignProperties properties) {
        this.store = store;
        this.users = users;
        this.suppressions = suppressions;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
        this.perHour = properties.testSendsPerHour();
    }

    public List<TestRecipient> list(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.recipients(clientId));
    }

    /** Allows test messages to an address (client admins only); allowing one twice is a conflict. */
    public TestRecipient allow(Actor actor, String rawEmail) {
        actor.requireAdmin();
        UUID clientId = actor.requireClient();
        EmailAddress email = EmailAddress.of("email", rawEmail);
        var recipient = new TestRecipient(UUID.randomUUID(), clientId, email.value(), actor.label(), Times.now(clock));
        return scope.inClient(clientId, () -> {
            if (!store.insertRecipient(recipient, email.key())) {
                throw new ConflictException("Test messages may go to " + email.value() + " already");
            }
            audit.record(actor, clientId, "test_recipient.allowed", "test_recipient:" + recipient.id(), email.value());
            return recipient;
        });
    }

    /** No longer allows test messages to an address (client admins only). */
    public void remove(Actor actor, UUID id) {
        actor.requireAdmin();
        UUID clientId = actor.requireClient();
        scope.inClient(clientId, () -> {
            TestRecipient r = store.findRecipient(clientId, id).orElseThrow(() -> new NotFoundException("No test recipient " + id));
            store.deleteRecipient(clientId, id);
            audit.record(actor, clientId, "test_recipient.removed", "test_recipient:" + id, r.email());
        });
    }

    /**
     * Checks a test send to {@code to} and takes it from the hour's allowance: refused whole when
     * an address is neither a user's nor allowed (so nothing goes to a stranger by mistake of one
     * typo), suppressed addresses skipped, refused when the hour's allowance is used up.
     */
    Admitted admit(UUID clientId, List<EmailAddress> to) {
        Set<String> allowed = scope.inClient(clientId,
                () -> store.allowedKeys(clientId, to.stream().map(EmailAddress::key).toList()));
        List<String> strangers = to.stream()
                .filter(a -> !allowed.contains(a.key()) && !users.isEnabledLoginOf(clientId, a.key()))
                .map(EmailAddress::value).toList();
        if (!strangers.isEmpty()) {
            throw ValidationException.of("emails", "may only be your users' addresses or test recipients a client admin "
                    + "allowed; not " + String.join(", ", strangers));
        }
        var byHash = to.stream().collect(Collectors.toMap(EmailAddress::hash, Function.identity(), (a, b) -> a));
        Set<String> suppressed = suppressions.suppressedHashes(clientId, byHash.keySet());
        List<EmailAddress> send = new ArrayList<>();
        List<EmailAddress> skipped = new ArrayList<>();
        for (EmailAddress address : to) {
            (suppressed.contains(address.hash()) ? skipped : send).add(address);
        }
        if (!send.isEmpty()) {
            OffsetDateTime now = Times.now(clock);
            OffsetDateTime hour = now.truncatedTo(ChronoUnit.HOURS);
            if (!scope.inClient(clientId, () -> store.take(clientId, hour, send.size(), perHour))) {
                throw new TooManyRequestsException("At most " + perHour + " test messages an hour; the allowance is used up "
                        + "until " + hour.plusHours(1) + " (UTC)", Duration.between(now, hour.plusHours(1)));
            }
        }
        return new Admitted(send, skipped);
    }
}
