package org.optline.audience;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.optline.audience.subscribers.ConfirmationStore;
import org.optline.audience.suppression.SuppressionStore;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.Cursor;
import org.optline.platform.Page;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Service;

/**
 * Addresses that must never be mailed: per client (unsubscribed, bounced, complained, manual) and
 * platform-wide. Entries are keyed by the address's SHA-256, so they survive erasure.
 */
@Service
public class Suppressions {

    private final SuppressionStore store;
    private final ConfirmationStore confirmations;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;

    public Suppressions(SuppressionStore store, ConfirmationStore confirmations, TenantScope scope, AuditLog audit, Clock clock) {
        this.store = store;
        this.confirmations = confirmations;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /** A client adds an address by hand (reason manual unless given). */
    public Suppression add(Actor actor, String rawEmail, String rawReason) {
        UUID clientId = actor.requireClientWriter();
        EmailAddress email = EmailAddress.of("email", rawEmail);
        SuppressionReason reason = rawReason == null ? SuppressionReason.MANUAL : SuppressionReason.fromWire(rawReason);
        return scope.inClient(clientId, () -> {
            OffsetDateTime now = Times.now(clock);
            store.insert(clientId, email.hash(), email.value(), reason.wireName(), actor.label(), now);
            confirmations.voidAddress(clientId, email);
            audit.record(actor, clientId, "suppression.added", "suppression:" + email.hash().substring(0, 12), reason.wireName());
            return new Suppression(email.hash(), email.value(), reason.wireName(), actor.label(), false, now);
        });
    }

    /**
     * Records a suppression from inside a client's transaction (unsubscribe, bounce, complaint).
     * Like {@link #add}, it voids every confirmation mailed to the address before: a link issued
     * before an opt-out never undoes it.
     */
    public void suppress(UUID clientId, EmailAddress email, SuppressionReason reason, String source) {
        scope.inClient(clientId, () -> {
            store.insert(clientId, email.hash(), email.value(), reason.wireName(), source, Times.now(clock));
            confirmations.voidAddress(clientId, email);
        });
    }

    /** Adds an address to the platform-wide list (hard bounces, complaints), in its own platform transaction. */
    public void suppressPlatformWide(EmailAddress email, SuppressionReason reason, String source) {
        scope.asPlatform(() -> store.insertPlatform(email.hash(), email.value(), reason.wireName(), source, Times.now(clock)));
    }

    /** The platform-wide suppression of an address, if any: operators only (a legal disclosure shows it). */
    public Optional<Suppression> platformEntry(Actor operator, EmailAddress email) {
        operator.requireOperator();
        return scope.asPlatform(() -> store.platformEntry(email.hash()));
    }

    public boolean isSuppressed(UUID clientId, EmailAddress email) {
        return scope.inClient(clientId, () -> !store.suppressed(clientId, List.of(email.hash())).isEmpty());
    }

    /** Which of the given address hashes are suppressed for this client (client or platform list). */
    public Set<String> suppressedHashes(UUID clientId, Collection<String> hashes) {
        return scope.inClient(clientId, () -> store.suppressed(clientId, hashes));
    }

    public Page<Suppression> page(Actor actor, String cursor, Integer limit) {
        UUID clientId = actor.requireClient();
        int size = Cursor.limit(limit);
        String[] after = decode(cursor);
        List<Suppression> rows = scope.inClient(clientId, () -> store.page(clientId,
                after == null ? null : OffsetDateTime.parse(after[0]), after == null ? null : after[1], size + 1));
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        List<Suppression> items = new ArrayList<>(rows.subList(0, size));
        Suppression last = items.get(items.size() - 1);
        return new Page<>(items, Base64.getUrlEncoder().withoutPadding()
                .encodeToString((last.createdAt() + "|" + last.emailHash()).getBytes(StandardCharsets.UTF_8)));
    }

    void forgetEmail(UUID clientId, String emailHash) {
        store.forgetEmail(clientId, emailHash);
    }

    private static String[] decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            OffsetDateTime.parse(parts[0]);
            if (parts.length != 2 || !parts[1].matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException();
            }
            return parts;
        } catch (RuntimeException e) {
            throw ValidationException.of("cursor", "is not a cursor returned by this list");
        }
    }
}
