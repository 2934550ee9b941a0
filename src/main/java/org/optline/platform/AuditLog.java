package org.optline.platform;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.optline.platform.audit.AuditStore;
import org.springframework.stereotype.Service;

/**
 * The append-only record of security-relevant acts: who did what to which object, for which
 * client, when and from where. Any module may record; only operators read it (across clients),
 * and a client's own admins may later be shown their client's part.
 */
@Service
public class AuditLog {

    private final AuditStore store;
    private final TenantScope scope;
    private final Clock clock;

    public AuditLog(AuditStore store, TenantScope scope, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.clock = clock;
    }

    /** Records an act of {@code actor} that concerns {@code clientId} (null: the platform itself). */
    public void record(Actor actor, UUID clientId, String action, String target, String detail) {
        scope.currentOr(actor, () -> {
            store.insert(Times.now(clock), clientId, actor, action, target, detail);
            return null;
        });
    }

    /** Records an act that concerns the actor's own client. */
    public void record(Actor actor, String action, String target) {
        record(actor, actor.clientId(), action, target, null);
    }

    /** The whole log, newest first; operators only. */
    public Page<AuditEntry> page(Actor actor, String cursor, Integer limit) {
        actor.requireOperator();
        return search(actor, AuditFilter.none(), cursor, limit);
    }

    /**
     * The log narrowed by {@code filter}, newest first, a page at a time (the cursor carries the
     * position, the filter is given again with every page). Operators read every client's part, or
     * one client's; a client's admin reads only their own client's, whatever the filter names.
     */
    public Page<AuditEntry> search(Actor actor, AuditFilter filter, String cursor, Integer limit) {
        actor.requireAdmin();
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            throw ValidationException.of("to", "must be on or after the from date");
        }
        int size = Cursor.limit(limit);
        Long before = decode(cursor);
        List<AuditEntry> rows = actor.isOperator()
                ? scope.asPlatform(() -> store.search(filter, before, size + 1))
                : scope.as(actor, () -> store.search(new AuditFilter(filter.actor(), filter.action(), filter.from(),
                        filter.to(), actor.requireClient()), before, size + 1));
        List<AuditEntry> items = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? Long.toString(items.get(items.size() - 1).id()) : null;
        return new Page<>(List.copyOf(items), next);
    }

    private static Long decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ValidationException.of("cursor", "is not a cursor returned by this list");
        }
    }
}
