package org.optline.inbound.replies;

import java.util.List;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.Cursor;
import org.optline.platform.NotFoundException;
import org.optline.platform.Page;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Service;

/** A client's kept replies, newest first; another client's reply is not found. */
@Service
public class Replies {

    private final ReplyStore store;
    private final TenantScope scope;

    public Replies(ReplyStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    public Page<Reply> page(Actor actor, String cursor, Integer limit) {
        UUID clientId = actor.requireClient();
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        List<Reply> rows = scope.inClient(clientId, () -> store.page(clientId, after, size + 1));
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        Reply last = rows.get(size - 1);
        return new Page<>(rows.subList(0, size), new Cursor(last.receivedAt(), last.id()).encode());
    }

    public Reply get(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.find(clientId, id))
                .orElseThrow(() -> new NotFoundException("No reply " + id));
    }
}
