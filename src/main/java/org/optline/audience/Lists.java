package org.optline.audience;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.lists.ListStore;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.MembershipStore;
import org.optline.audience.subscribers.ParentLocks;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.TenantScope;
import org.optline.platform.TextFields;
import org.optline.platform.Times;
import org.springframework.stereotype.Service;

/** A client's lists: create, read, rename, change opt-in mode, delete. */
@Service
public class Lists {

    private final ListStore store;
    private final ConsentStore consent;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;
    private final ParentLocks parents;
    private final MembershipStore memberships;

    public Lists(ListStore store, ConsentStore consent, TenantScope scope, AuditLog audit, Clock clock, ParentLocks parents,
                 MembershipStore memberships) {
        this.parents = parents;
        this.memberships = memberships;
        this.store = store;
        this.consent = consent;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /** The fields of a list a client may set; null means "leave as it is" when changing. */
    public record ListInput(String name, String description, String optIn) {}

    public MailingList create(Actor actor, ListInput input) {
        UUID clientId = actor.requireClientWriter();
        String name = name(input.name());
        var now = Times.now(clock);
        var list = new MailingList(UUID.randomUUID(), clientId, name, description(input.description()),
                OptInMode.fromWire(input.optIn()), now, now);
        return scope.inClient(clientId, () -> {
            if (store.nameTaken(clientId, name, list.id())) {
                throw new ConflictException("A list named '" + name + "' already exists");
            }
            store.insert(list);
            return list;
        });
    }

    public List<MailingList> list(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.list(clientId));
    }

    public MailingList get(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.find(clientId, id)).orElseThrow(() -> notFound(id));
    }

    public MailingList change(Actor actor, UUID id, ListInput input) {
        UUID clientId = actor.requireClientWriter();
        return scope.inClient(clientId, () -> {
            MailingList current = store.find(clientId, id).orElseThrow(() -> notFound(id));
            String name = input.name() == null ? current.name() : name(input.name());
            String description = input.description() == null ? current.description() : description(input.description());
            OptInMode optIn = input.optIn() == null ? current.optIn() : OptInMode.fromWire(input.optIn());
            if (store.nameTaken(clientId, name, id)) {
                throw new ConflictException("A list named '" + name + "' already exists");
            }
            store.update(clientId, id, name, description, optIn, Times.now(clock));
            return store.find(clientId, id).orElseThrow();
        });
    }

    /**
     * Deletes the list and its memberships; the subscribers and their consent ledgers stay. The
     * list is locked first, so writers adding members finish before and none adds one after; the
     * memberships are deleted here, not by a foreign key (docs/audience.md). Its form and open
     * confirmations go by their keys' cascade, its imports keep their attestations with no list.
     */
    public void delete(Actor actor, UUID id) {
        UUID clientId = actor.requireClientWriter();
        scope.inClient(clientId, () -> {
            if (!parents.lockListForDelete(clientId, id)) {
                throw notFound(id);
            }
            MailingList list = store.find(clientId, id).orElseThrow(() -> notFound(id));
            // Imported members' evidence is their membership's link to the import's row: copy it to
            // their own ledger rows before the memberships go.
            consent.keepImportEvidenceOfList(clientId, id);
            memberships.deleteOfList(clientId, id);
            store.delete(clientId, id);
            audit.record(actor, clientId, "list.deleted", "list:" + id, list.name());
        });
    }

    /** A client's lists, for modules that already act for that client (segments resolve list names). */
    public List<MailingList> listFor(UUID clientId) {
        return scope.inClient(clientId, () -> store.list(clientId));
    }

    /** Members per list and membership status (for list pages). */
    public Map<UUID, Map<String, Long>> memberCounts(Actor actor) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.memberCounts(clientId));
    }




    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No list " + id);
    }

    private static String name(String raw) {
        return TextFields.required("name", raw, 200);
    }

    private static String description(String raw) {
        return TextFields.optional("description", raw, 2000);
    }
}
