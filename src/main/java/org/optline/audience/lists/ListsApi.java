package org.optline.audience.lists;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/lists}: a client's lists. */
@RestController
@RequestMapping("/api/v1/lists")
class ListsApi {

    record ListJson(String id, String name, String description, String optIn, Map<String, Long> members,
                    OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static ListJson of(MailingList l, Map<String, Long> members) {
            return new ListJson(l.id().toString(), l.name(), l.description(), l.optIn().wireName(),
                    members == null ? Map.of() : members, l.createdAt(), l.updatedAt());
        }
    }

    private final Lists lists;

    ListsApi(Lists lists) {
        this.lists = lists;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ListJson create(Actor actor, @RequestBody Lists.ListInput body) {
        return ListJson.of(lists.create(actor, body), Map.of());
    }

    @GetMapping
    Page<ListJson> list(Actor actor) {
        var counts = lists.memberCounts(actor);
        return new Page<>(lists.list(actor).stream().map(l -> ListJson.of(l, counts.get(l.id()))).toList(), null);
    }

    @GetMapping("/{id}")
    ListJson get(Actor actor, @PathVariable UUID id) {
        return ListJson.of(lists.get(actor, id), lists.memberCounts(actor).get(id));
    }

    @PatchMapping("/{id}")
    ListJson change(Actor actor, @PathVariable UUID id, @RequestBody Lists.ListInput body) {
        return ListJson.of(lists.change(actor, id, body), lists.memberCounts(actor).get(id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable UUID id) {
        lists.delete(actor, id);
    }
}
