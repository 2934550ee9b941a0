package org.optline.audience;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.optline.audience.notices.NoticeAudienceStore;
import org.optline.audience.subscribers.ParentLocks;
import org.optline.platform.NotFoundException;
import org.optline.platform.SqlArrays;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.springframework.stereotype.Service;

/**
 * The audience of the platform's own legal notices: one list of a client the platform runs,
 * brought up to date with every address that is active anywhere else on the platform, each once.
 *
 * <p>An address belongs on it while it is an active subscriber of another client (confirmed on
 * at least one list, not on that client's suppression list, the client not left out) or the login
 * of one of the platform's users. A refresh adds the missing ones, keeps the others, and takes
 * off those no longer active anywhere; each addition and removal is a line in the subscriber's
 * consent ledger with the {@link ConsentChannel#PLATFORM_NOTICE} channel. It never revives an
 * address the notices client has lost (unsubscribed, bounced, complained): such a subscriber keeps
 * its status and its membership's status, and delivery leaves it out as it would for any client.
 * Two refreshes of one list take turns (the list's row is locked). Set-based: one statement per step whatever the platform's size, the logins in pieces of
 * {@link SqlArrays#MAX_ELEMENTS}. Runs with platform rights, since it reads every client's rows;
 * every row it writes is the notices client's.
 */
@Service
public class NoticeAudience {

    /** What a refresh did: memberships added and taken off, and the confirmed members now. */
    public record Refreshed(long joined, long left, long members) {}

    private final NoticeAudienceStore store;
    private final TenantScope scope;
    private final Clock clock;
    private final ParentLocks parents;

    public NoticeAudience(NoticeAudienceStore store, TenantScope scope, Clock clock, ParentLocks parents) {
        this.parents = parents;
        this.store = store;
        this.scope = scope;
        this.clock = clock;
    }

    /**
     * Brings list {@code listId} of client {@code clientId} up to date. {@code leftOutClients}:
     * clients whose subscribers do not count (terminated ones; the notices client itself always
     * counts as left out). {@code logins}: the platform users' addresses. {@code source}: the
     * ledger's channel, source id and the legal basis as consent text.
     */
    public Refreshed refresh(UUID clientId, UUID listId, Collection<UUID> leftOutClients, Collection<String> logins,
                             ConsentSource source) {
        Set<UUID> leftOut = new LinkedHashSet<>(leftOutClients);
        leftOut.add(clientId);
        List<String> keys = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        new LinkedHashSet<>(logins).stream().map(EmailAddress::parse).filter(EmailAddress.Parse::ok)
                .map(p -> p.address().key()).distinct().forEach(key -> {
                    keys.add(key);
                    hashes.add(EmailAddress.hashOfKey(key));
                });
        var at = Times.now(clock);
        return scope.asPlatform(() -> {
            if (!store.lockList(clientId, listId)) {
                throw new NotFoundException("No list " + listId + " of client " + clientId);
            }
            parents.lockClient(clientId); // new subscribers of it follow (ParentLocks)
            store.addFromClients(clientId, leftOut, at);
            for (int from = 0; from < keys.size(); from += SqlArrays.MAX_ELEMENTS) {
                int to = Math.min(keys.size(), from + SqlArrays.MAX_ELEMENTS);
                store.addLogins(clientId, keys.subList(from, to), hashes.subList(from, to), at);
            }
            long joined = store.joinFromClients(clientId, listId, leftOut, at);
            for (List<String> chunk : SqlArrays.chunks(keys)) {
                joined += store.joinLogins(clientId, listId, chunk, at);
            }
            store.keepFromClients(clientId, listId, leftOut, at);
            for (List<String> chunk : SqlArrays.chunks(keys)) {
                store.keepLogins(clientId, listId, chunk, at);
            }
            store.recordJoined(clientId, listId, source, "An active user or subscriber on the platform", at);
            store.recordLeft(clientId, listId, source, "Taken off: no longer an active user or subscriber on the platform", at);
            long left = store.leave(clientId, listId, at);
            return new Refreshed(joined, left, store.members(clientId, listId));
        });
    }
}
