package org.optline.audience.fields;

import java.time.OffsetDateTime;
import org.optline.audience.CustomField;
import org.optline.audience.CustomFields;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/fields}: a client's custom fields. */
@RestController
@RequestMapping("/api/v1/fields")
class FieldsApi {

    record CreateRequest(String key, String label, String type) {}

    record FieldJson(String id, String key, String label, String type, OffsetDateTime createdAt) {
        static FieldJson of(CustomField f) {
            return new FieldJson(f.id().toString(), f.key(), f.label(), f.type().wireName(), f.createdAt());
        }
    }

    private final CustomFields fields;

    FieldsApi(CustomFields fields) {
        this.fields = fields;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    FieldJson create(Actor actor, @RequestBody CreateRequest body) {
        return FieldJson.of(fields.create(actor, body.key(), body.label(), body.type()));
    }

    @GetMapping
    Page<FieldJson> list(Actor actor) {
        return new Page<>(fields.list(actor).stream().map(FieldJson::of).toList(), null);
    }
}
