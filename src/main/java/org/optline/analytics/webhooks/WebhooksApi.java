package org.optline.analytics.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/webhooks}: the calling client's endpoints, their delivery logs and test events.
 * The signing secret is in the answer to the POST that creates an endpoint, and nowhere else.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhooksApi {

    record EndpointJson(UUID id, String url, List<String> events, OffsetDateTime createdAt) {
        static EndpointJson of(WebhookEndpoint e) {
            return new EndpointJson(e.id(), e.url(), e.events(), e.createdAt());
        }
    }

    record CreatedJson(UUID id, String url, List<String> events, OffsetDateTime createdAt, String secret) {}

    record TestJson(UUID messageId) {}

    private final Webhooks webhooks;

    WebhooksApi(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedJson create(Actor actor, @RequestBody Webhooks.Input body) {
        WebhookEndpoint.Created created = webhooks.create(actor, body);
        WebhookEndpoint e = created.endpoint();
        return new CreatedJson(e.id(), e.url(), e.events(), e.createdAt(), created.secret());
    }

    @GetMapping
    Page<EndpointJson> list(Actor actor) {
        return new Page<>(webhooks.list(actor).stream().map(EndpointJson::of).toList(), null);
    }

    @GetMapping("/{id}")
    EndpointJson get(Actor actor, @PathVariable UUID id) {
        return EndpointJson.of(webhooks.get(actor, id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable UUID id) {
        webhooks.delete(actor, id);
    }

    @GetMapping("/{id}/deliveries")
    Page<WebhookAttempt> deliveries(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String cursor,
                                    @RequestParam(required = false) Integer limit) {
        return webhooks.deliveries(actor, id, cursor, limit);
    }

    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TestJson test(Actor actor, @PathVariable UUID id) {
        return new TestJson(webhooks.sendTest(actor, id));
    }
}
