package org.optline.platform.apikeys;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.ApiKey;
import org.optline.platform.ApiKeys;
import org.optline.platform.Page;
import org.optline.platform.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own client's API keys; the secret appears only in the answer to its creation. */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeysApi {

    record CreateRequest(String name, String role) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiKeyJson(String id, String name, String prefix, String role, String createdBy, OffsetDateTime createdAt,
                      OffsetDateTime lastUsedAt, OffsetDateTime revokedAt, String key) {
        static ApiKeyJson of(ApiKey k, String secret) {
            return new ApiKeyJson(k.id().toString(), k.name(), k.prefix(), k.role().wireName(), k.createdBy(),
                    k.createdAt(), k.lastUsedAt(), k.revokedAt(), secret);
        }
    }

    private final ApiKeys apiKeys;

    ApiKeysApi(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyJson create(Actor actor, @RequestBody CreateRequest body) {
        Role role = body.role() == null ? null : Role.fromWire(body.role());
        var created = apiKeys.create(actor, body.name(), role);
        return ApiKeyJson.of(created.key(), created.secret());
    }

    @GetMapping
    Page<ApiKeyJson> list(Actor actor) {
        return new Page<>(apiKeys.list(actor).stream().map(k -> ApiKeyJson.of(k, null)).toList(), null);
    }

    @GetMapping("/{id}")
    ApiKeyJson get(Actor actor, @PathVariable UUID id) {
        return ApiKeyJson.of(apiKeys.get(actor, id), null);
    }

    @DeleteMapping("/{id}")
    @AllowedWhileSuspended("revokes a key")
    ApiKeyJson revoke(Actor actor, @PathVariable UUID id) {
        return ApiKeyJson.of(apiKeys.revoke(actor, id), null);
    }
}
