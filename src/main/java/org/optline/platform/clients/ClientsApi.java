package org.optline.platform.clients;

import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.NewClient;
import org.optline.platform.Page;
import org.optline.platform.StandingFiguresSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operator API for clients. Any other caller gets 404, as if these routes did not exist. */
@RestController
@RequestMapping("/api/v1/clients")
class ClientsApi {

    /** The body of {@code POST /api/v1/clients}; {@code adminPassword} is optional. */
    record CreateRequest(String name, String postalAddress, String adminEmail, String adminPassword, String timeZone) {}

    /** The body of a standing change; the reason is optional except for a termination. */
    record StatusChange(String reason) {}

    private final Clients clients;
    private final ObjectProvider<StandingFiguresSource> standing;

    ClientsApi(Clients clients, ObjectProvider<StandingFiguresSource> standing) {
        this.clients = clients;
        this.standing = standing;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ClientJson create(Actor actor, @RequestBody CreateRequest body) {
        return ClientJson.of(clients.create(actor, new NewClient(body.name(), body.postalAddress(), body.adminEmail(),
                body.adminPassword(), body.timeZone())));
    }

    @GetMapping
    Page<ClientJson> list(Actor actor, @RequestParam(required = false) String cursor,
                          @RequestParam(required = false) Integer limit) {
        var page = clients.page(actor, cursor, limit);
        return new Page<>(page.items().stream().map(ClientJson::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    ClientJson get(Actor actor, @PathVariable UUID id) {
        ClientJson client = ClientJson.of(clients.get(actor, id));
        StandingFiguresSource figures = standing.getIfAvailable();
        return figures == null ? client : client.withStanding(figures.figures(id));
    }

    @PostMapping("/{id}/suspend")
    ClientJson suspend(Actor actor, @PathVariable UUID id, @RequestBody(required = false) StatusChange body) {
        return ClientJson.of(clients.changeStatus(actor, id, ClientStatus.SUSPENDED, reason(body)));
    }

    @PostMapping("/{id}/reinstate")
    ClientJson reinstate(Actor actor, @PathVariable UUID id, @RequestBody(required = false) StatusChange body) {
        return ClientJson.of(clients.changeStatus(actor, id, ClientStatus.ACTIVE, reason(body)));
    }

    /** Terminates the client for good: its admin gets an export, then its data is purged. A reason is required. */
    @PostMapping("/{id}/terminate")
    ClientJson terminate(Actor actor, @PathVariable UUID id, @RequestBody(required = false) StatusChange body) {
        return ClientJson.of(clients.terminate(actor, id, reason(body)));
    }

    private static String reason(StatusChange body) {
        return body == null ? null : body.reason();
    }
}
