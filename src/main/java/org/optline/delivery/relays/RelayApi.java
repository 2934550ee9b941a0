package org.optline.delivery.relays;

import java.time.OffsetDateTime;
import org.optline.delivery.ClientRelay;
import org.optline.delivery.ClientRelays;
import org.optline.platform.Actor;
import org.optline.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/relay}: the calling client's own SMTP relay. GET answers 404 when none is set
 * (mail then uses the platform's transport); PUT sets it; DELETE goes back to the platform's.
 * The password is accepted, never returned.
 */
@RestController
@RequestMapping("/api/v1/relay")
class RelayApi {

    record RelayJson(String host, int port, String tls, String username, boolean passwordSet, int maxConnections,
                     int maxMessagesPerConnection, double maxRate, OffsetDateTime updatedAt) {
        static RelayJson of(ClientRelay r, boolean passwordSet) {
            return new RelayJson(r.host(), r.port(), r.tls().wireName(), r.username(), passwordSet, r.maxConnections(),
                    r.maxMessagesPerConnection(), r.maxRate(), r.updatedAt());
        }
    }

    private final ClientRelays relays;

    RelayApi(ClientRelays relays) {
        this.relays = relays;
    }

    @GetMapping
    RelayJson get(Actor actor) {
        return relays.get(actor).map(r -> RelayJson.of(r, relays.hasPassword(actor)))
                .orElseThrow(() -> new NotFoundException("No relay is set; mail uses the platform's transport"));
    }

    @PutMapping
    RelayJson put(Actor actor, @RequestBody ClientRelays.RelayInput body) {
        ClientRelay saved = relays.save(actor, body);
        return RelayJson.of(saved, relays.hasPassword(actor));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor) {
        relays.remove(actor);
    }
}
