package org.optline.site;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ConflictException;
import org.optline.platform.Cursor;
import org.optline.platform.ForbiddenException;
import org.optline.platform.NotFoundException;
import org.optline.platform.Page;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.platform.ValidationException;
import org.optline.site.policy.PolicyStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The privacy policy and its versions: anyone reads them, only an operator publishes one. A
 * version is never changed once published; a new one is announced on the home page for
 * {@link #ANNOUNCED_FOR} and, if material, mailed by the listeners of {@link PolicyPublished}.
 */
@Service
public class PrivacyPolicies {

    /** How long the home page tells of a new version. */
    public static final Duration ANNOUNCED_FOR = Duration.ofDays(30);
    /** The policy's Markdown at most: a long policy is some 60,000 characters. */
    public static final int TEXT_MAX = 100_000;
    /** What changed, in one line that fits a notice and a mail's first sentence. */
    public static final int SUMMARY_MAX = 500;
    /** The audit action of a published version. */
    public static final String PUBLISHED = "policy.published";

    private static final int ATTEMPTS = 3;

    private final PolicyStore store;
    private final TenantScope scope;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PrivacyPolicies(PolicyStore store, TenantScope scope, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The version in force: the newest. Version 1 is there from the first start on. */
    public PolicyVersion current() {
        return scope.asPlatform(store::latest).orElseThrow(() -> new NotFoundException("No privacy policy is published"));
    }

    /** Every version, newest first. */
    public List<PolicyVersion> versions() {
        return scope.asPlatform(store::all);
    }

    /** One version by its number. */
    public Optional<PolicyVersion> version(int number) {
        return scope.asPlatform(() -> store.find(number));
    }

    /** One version by its number as written in an address; text that is no version number names none. */
    public Optional<PolicyVersion> version(String number) {
        return number(number).flatMap(this::version);
    }

    /**
     * The version the home page tells of: the newest, when it is not the first and was published
     * less than {@link #ANNOUNCED_FOR} ago.
     */
    public Optional<PolicyVersion> recentChange() {
        OffsetDateTime since = Times.now(clock).minus(ANNOUNCED_FOR);
        return scope.asPlatform(store::latest).filter(v -> v.version() > 1 && v.publishedAt().isAfter(since));
    }

    /** Versions newest first, a page at a time, for an operator's API key. */
    public Page<PolicyVersion> page(Actor actor, String cursor, Integer limit) {
        requirePublisher(actor);
        int size = Cursor.limit(limit);
        Integer before = cursor == null || cursor.isBlank() ? null : number(cursor)
                .orElseThrow(() -> ValidationException.of("cursor", "is not a cursor returned by this list"));
        List<PolicyVersion> rows = scope.asPlatform(() -> store.page(before, size + 1));
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        List<PolicyVersion> items = new ArrayList<>(rows.subList(0, size));
        return new Page<>(items, Integer.toString(items.get(items.size() - 1).version()));
    }

    /** One version for an operator's API key; a number that names no version is 404. */
    public PolicyVersion get(Actor actor, String number) {
        requirePublisher(actor);
        return version(number).orElseThrow(() -> new NotFoundException("No version " + number));
    }

    /**
     * Publishes a new version: the next number, the text as given, audited. {@link PolicyPublished}
     * goes out inside the transaction that stores it, so transactional listeners hear it once the
     * version is committed, and never for one that was not. A text equal to the current version's
     * is refused: a version that changes nothing would announce a change that is not there.
     */
    public PolicyVersion publish(Actor actor, String text, Boolean material, String summary) {
        requirePublisher(actor);
        PolicyInput input = PolicyInput.check(text, material, summary);
        for (int attempt = 1; ; attempt++) {
            try {
                return scope.asPlatform(() -> insert(actor, input));
            } catch (DuplicateKeyException raced) {
                // Another operator took the number between our read and our insert: take the next one.
                if (attempt == ATTEMPTS) {
                    throw new ConflictException("Another version was being published at the same time; try again");
                }
            }
        }
    }

    private PolicyVersion insert(Actor actor, PolicyInput input) {
        if (store.latest().map(v -> v.text().equals(input.text())).orElse(false)) {
            throw ValidationException.of("text", "is the same as the current version's");
        }
        PolicyVersion v = new PolicyVersion(UUID.randomUUID(), store.nextVersion(), input.text(), input.material(),
                input.summary(), Times.now(clock), actor.kind() == Actor.Kind.USER ? actor.id() : null, actor.label());
        store.insert(v);
        audit.record(actor, null, PUBLISHED, "policy:" + v.version(),
                "material=" + v.material() + (v.summary() == null ? "" : "; summary=" + v.summary()));
        events.publishEvent(new PolicyPublished(v.id(), v.version(), v.material(), v.summary(), v.publishedAt()));
        return v;
    }

    /**
     * Publishing, and reading through the API, are the operator's. A client's key is told so
     * (403): the versions are public pages, so a 404 would hide nothing and only mislead.
     */
    private static void requirePublisher(Actor actor) {
        if (!actor.isOperator()) {
            throw new ForbiddenException("Only the operator publishes and manages the privacy policy");
        }
    }

    /** A version number as written in a path or a cursor: up to nine digits, at least 1; anything else names no version. */
    private static Optional<Integer> number(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 9 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int n = Integer.parseInt(raw);
        return n >= 1 ? Optional.of(n) : Optional.empty();
    }
}
