package org.optline.compliance.web;

import org.optline.compliance.ClientStandings;
import org.optline.platform.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/standing}: the calling client's own standing (operators: 404, they act for no client). */
@RestController
class StandingApi {

    private final ClientStandings standings;

    StandingApi(ClientStandings standings) {
        this.standings = standings;
    }

    @GetMapping("/api/v1/standing")
    StandingJson own(Actor actor) {
        return StandingJson.of(standings.own(actor), standings.thresholds());
    }
}
