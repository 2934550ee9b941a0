package org.optline.audience.subscribers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentEvent;
import org.optline.audience.ConsentSource;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.Page;
import org.optline.platform.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/subscribers}: add or update, read, search, correct, erase, and the consent ledger. */
@RestController
@RequestMapping("/api/v1/subscribers")
class SubscribersApi {

    record ConsentJson(String source, String ip, String text, String userAgent) {}

    record SaveRequest(String email, String name, Map<String, Object> fields, List<String> lists, ConsentJson consent,
                       Boolean preconfirmed) {}

    record PatchRequest(String email, String name, Map<String, Object> fields, String status) {}

    record MembershipJson(String listId, String name, String status, OffsetDateTime updatedAt) {}

    record SubscriberJson(String id, String email, String name, String status, Map<String, Object> fields,
                          List<MembershipJson> lists, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static SubscriberJson of(Subscriber s) {
            return new SubscriberJson(s.id().toString(), s.email(), s.name(), s.status().wireName(), s.fields(),
                    s.lists().stream().map(m -> new MembershipJson(m.listId().toString(), m.listName(),
                            m.status().wireName(), m.updatedAt())).toList(), s.createdAt(), s.updatedAt());
        }
    }

    private final Subscribers subscribers;

    SubscribersApi(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    /** Adds a subscriber (201) or updates the one with that address (200). */
    @PostMapping
    ResponseEntity<SubscriberJson> save(Actor actor, @RequestBody SaveRequest body) {
        ConsentSource consent = body.consent() == null ? null
                : new ConsentSource(ConsentChannel.API, body.consent().source() == null ? actor.label() : body.consent().source(),
                        body.consent().ip(), body.consent().userAgent(), body.consent().text());
        var saved = subscribers.save(actor, new SubscriberInput(body.email(), body.name(), body.fields(),
                listIds(body.lists()), consent), Boolean.TRUE.equals(body.preconfirmed()));
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(SubscriberJson.of(saved.subscriber()));
    }

    @GetMapping
    Page<SubscriberJson> search(Actor actor, @RequestParam(required = false) String email,
                                @RequestParam(required = false) String emailPrefix,
                                @RequestParam(required = false) String status,
                                @RequestParam(required = false) UUID listId,
                                @RequestParam(required = false) String cursor,
                                @RequestParam(required = false) Integer limit) {
        if (email != null) {
            return new Page<>(subscribers.findByEmail(actor, email).map(SubscriberJson::of).stream().toList(), null);
        }
        var page = subscribers.search(actor, emailPrefix, status, listId, cursor, limit);
        return new Page<>(page.items().stream().map(SubscriberJson::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    SubscriberJson get(Actor actor, @PathVariable UUID id) {
        return SubscriberJson.of(subscribers.get(actor, id));
    }

    @PatchMapping("/{id}")
    SubscriberJson correct(Actor actor, @PathVariable UUID id, @RequestBody PatchRequest body) {
        return SubscriberJson.of(subscribers.correct(actor, id,
                new Subscribers.Correction(body.email(), body.name(), body.fields(), body.status())));
    }

    /** Erasure: answers 204; what remains is a hashed tombstone and a suppression. */
    @DeleteMapping("/{id}")
    @AllowedWhileSuspended("erases a person's data")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String reason) {
        subscribers.erase(actor, id, reason);
    }

    @GetMapping("/{id}/consent")
    Page<ConsentEvent> consent(Actor actor, @PathVariable UUID id) {
        return new Page<>(subscribers.consentLedger(actor, id), null);
    }

    private static List<UUID> listIds(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        try {
            // A null entry ([null] in JSON) is no list id either.
            return raw.stream().map(id -> UUID.fromString(id == null ? "" : id)).toList();
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("lists", "names a list that does not exist");
        }
    }
}
