package org.optline.compliance.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.compliance.ClientStandings;
import org.optline.compliance.StandingAlert;
import org.optline.platform.Actor;
import org.optline.platform.Client;
import org.optline.platform.Clients;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The standing pages: a client's own ({@code /standing}: its rates, the lines they are judged
 * against, why it is flagged or paused, its campaigns and how quickly unsubscribes took effect),
 * the operator's list of standing alerts, and the operator's view of one client's figures.
 */
@Controller
class StandingPages {

    static final int CLIENT_ALERTS = 20;
    static final int OPERATOR_ALERTS = 100;

    private final ClientStandings standings;
    private final Clients clients;

    StandingPages(ClientStandings standings, Clients clients) {
        this.standings = standings;
        this.clients = clients;
    }

    @GetMapping("/standing")
    String own(Actor actor, Model model) {
        model.addAttribute("figures", standings.own(actor));
        model.addAttribute("thresholds", standings.thresholds());
        model.addAttribute("alerts", standings.ownAlerts(actor, CLIENT_ALERTS));
        return "compliance/standing";
    }

    @GetMapping("/operator/standing")
    String alerts(Actor actor, Model model) {
        List<StandingAlert> alerts = standings.alerts(actor, OPERATOR_ALERTS);
        Map<UUID, String> names = new LinkedHashMap<>();
        alerts.forEach(a -> names.computeIfAbsent(a.clientId(), id -> clients.profile(id).map(Client::name).orElse(id.toString())));
        model.addAttribute("alerts", alerts);
        model.addAttribute("clientNames", names);
        return "compliance/operator-standing";
    }

    @GetMapping("/operator/standing/{clientId}")
    String client(Actor actor, @PathVariable UUID clientId, Model model) {
        model.addAttribute("figures", standings.of(actor, clientId));
        model.addAttribute("client", clients.get(actor, clientId));
        model.addAttribute("thresholds", standings.thresholds());
        return "compliance/operator-client-standing";
    }
}
