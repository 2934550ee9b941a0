package org.optline.audience.fields;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.audience.CustomField;
import org.optline.audience.CustomFields;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/fields}: a client's custom fields. {@code subscriberEditable} (default false) says
 * whether the preference centre shows the field and takes subscribers' changes to it.
 */
@RestController
@RequestMapping("/api/v1/fields")
class FieldsApi {

    record CreateRequest(String key, String label, String type, Boolean subscriberEditable) {}

    /** A change: absent members keep their value; key and type never change. */
    record ChangeRequest(String label, Boolean subscriberEditable) {}

    record FieldJson(String id, String key, String label, String type, boolean subscriberEditable, OffsetDateTime createdAt) {
        static FieldJson of(CustomField f) {
            return new FieldJson(f.id().toString(), f.key(), f.label(), f.type().wireName(), f.subscriberEditable(),
                    f.createdAt());
        }
    }

    private final CustomFields fields;

    FieldsApi(CustomFields fields) {
        this.fields = fields;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    FieldJson create(Actor actor, @RequestBody CreateRequest body) {
        return FieldJson.of(fields.create(actor, body.key(), body.label(), body.type(),
                Boolean.TRUE.equals(body.subscriberEditable())));
    }

    @GetMapping
    Page<FieldJson> list(Actor actor) {
        return new Page<>(fields.list(actor).stream().map(FieldJson::of).toList(), null);
    }

    @PatchMapping("/{id}")
    FieldJson change(Actor actor, @PathVariable UUID id, @RequestBody ChangeRequest body) {
        return FieldJson.of(fields.change(actor, id, body.label(), body.subscriberEditable()));
    }
}
